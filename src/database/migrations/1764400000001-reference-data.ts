import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TAXONOMY } from '../../disciplines/taxonomy.data.js';
import { MUNICIPALITY_ALIASES } from '../../regions/municipality-aliases.js';
import { searchNames } from '../../regions/normalize-name.js';
import { readMunicipalities, readProvinces } from '../reference-data.js';

/**
 * Loads the 12 provinces, every municipality of data/municipalities.csv (CBS, 2025) and
 * version 1 of the discipline taxonomy. Later changes to either come as new migrations.
 */
export class ReferenceData1764400000001 implements MigrationInterface {
  name = 'ReferenceData1764400000001';

  async up(db: QueryRunner): Promise<void> {
    const provinces = readProvinces();
    await db.query(
      `INSERT INTO province (code, name) SELECT * FROM unnest($1::text[], $2::text[])`,
      [provinces.map((p) => p.code), provinces.map((p) => p.name)],
    );

    const municipalities = readMunicipalities();
    await db.query(
      `INSERT INTO municipality (code, name, province_code, latitude, longitude, search_names)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[])`,
      [
        municipalities.map((m) => m.code),
        municipalities.map((m) => m.name),
        municipalities.map((m) => m.provinceCode),
        municipalities.map((m) => m.latitude),
        municipalities.map((m) => m.longitude),
        municipalities.map((m) => searchNames(m.name, MUNICIPALITY_ALIASES[m.code] ?? [])),
      ],
    );

    // Groups come before their children in TAXONOMY, so a parent's id exists when a child is inserted.
    for (const [position, d] of TAXONOMY.entries()) {
      await db.query(
        `INSERT INTO discipline (slug, parent_id, name_nl, name_en, position)
         VALUES ($1, (SELECT id FROM discipline WHERE slug = $2), $3, $4, $5)`,
        [d.slug, d.parentSlug, d.nameNl, d.nameEn, position],
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM discipline; DELETE FROM municipality; DELETE FROM province;`);
  }
}
