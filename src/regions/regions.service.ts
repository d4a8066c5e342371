import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UnknownMunicipality, UnknownProvince } from '../common/domain-error.js';
import { normalizePlaceName } from './normalize-name.js';
import type { Municipality, Province } from './dto/region.types.js';

interface CachedMunicipality {
  /** What the API shows, made once: every request gets this same (frozen) object. */
  municipality: Readonly<Municipality>;
  searchNames: string;
}

/**
 * Provinces and municipalities are reference data that change only with a migration,
 * so they are read once at start-up and served from memory.
 */
@Injectable()
export class RegionsService implements OnModuleInit {
  private provincesByCode = new Map<string, Province>();
  private municipalitiesByCode = new Map<string, CachedMunicipality>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async onModuleInit(): Promise<void> {
    const provinces: Province[] = await this.db.query(`SELECT code, name FROM province ORDER BY code`);
    this.provincesByCode = new Map(provinces.map((p) => [p.code, p]));
    const rows: { code: string; name: string; province_code: string; latitude: number; longitude: number; search_names: string }[] =
      await this.db.query(`SELECT code, name, province_code, latitude, longitude, search_names FROM municipality ORDER BY name`);
    this.municipalitiesByCode = new Map(
      rows.map((r) => [
        r.code,
        {
          municipality: Object.freeze({
            code: r.code,
            name: r.name,
            province: this.provincesByCode.get(r.province_code)!,
            latitude: r.latitude,
            longitude: r.longitude,
          }),
          searchNames: r.search_names,
        },
      ]),
    );
  }

  provinces(): Province[] {
    return [...this.provincesByCode.values()];
  }

  /** Municipalities by name (ignoring case, accents and CBS suffixes; aliases count), sorted by name. */
  municipalities(search?: string | null, provinceCode?: string | null): Municipality[] {
    if (provinceCode) this.requireProvince(provinceCode);
    const needle = search ? normalizePlaceName(search) : '';
    const found = [...this.municipalitiesByCode.values()].filter(
      (m) => (!provinceCode || m.municipality.province.code === provinceCode) && (!needle || m.searchNames.includes(needle)),
    );
    if (needle) {
      // Names that start with the search come first: "Den" → Den Helder before Oldenzaal.
      const starts = (m: CachedMunicipality): number => (m.searchNames.split('|').some((n) => n.startsWith(needle)) ? 0 : 1);
      found.sort((a, b) => starts(a) - starts(b));
    }
    return found.map((m) => m.municipality);
  }

  /** The municipality with this code, or null; a page of search results asks 20 times. */
  municipality(code: string | null): Municipality | null {
    return (code && this.municipalitiesByCode.get(code)?.municipality) || null;
  }

  requireMunicipality(code: string): Municipality {
    const found = this.municipality(code);
    if (!found) throw new UnknownMunicipality(code);
    return found;
  }

  requireProvince(code: string): Province {
    const found = this.provincesByCode.get(code);
    if (!found) throw new UnknownProvince(code);
    return found;
  }
}
