import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TAXONOMY } from '../disciplines/taxonomy.data.js';
import { MUNICIPALITY_ALIASES } from '../regions/municipality-aliases.js';
import { normalizePlaceName } from '../regions/normalize-name.js';
import { DEMO_INITIATIVES, DEMO_PROFESSIONALS } from './demo-network.data.js';

/** CBS code → official name, from the reference CSV (codes are never quoted, names sometimes are). */
function readMunicipalities(): Map<string, string> {
  const csv = readFileSync(join(process.cwd(), 'data', 'municipalities.csv'), 'utf8');
  const rows = csv.trim().split(/\r?\n/).slice(1);
  const byCode = new Map<string, string>();
  for (const row of rows) {
    const match = /^(GM\d{4}),(?:"((?:[^"]|"")*)"|([^,]*)),/.exec(row);
    if (!match?.[1]) throw new Error(`Unreadable municipality row: ${row}`);
    byCode.set(match[1], match[2] !== undefined ? match[2].replaceAll('""', '"') : (match[3] ?? ''));
  }
  return byCode;
}

const municipalities = readMunicipalities();
const slugs = new Set(TAXONOMY.map((d) => d.slug));

describe('DEMO_PROFESSIONALS', () => {
  it('numbers keys by array index', () => {
    DEMO_PROFESSIONALS.forEach((p, i) => expect(p.key).toBe(i));
  });

  it('uses unique lowercase emails on reserved example domains', () => {
    const emails = DEMO_PROFESSIONALS.map((p) => p.email);
    expect(new Set(emails).size).toBe(emails.length);
    for (const email of emails) {
      expect(email).toBe(email.toLowerCase());
      expect(email).toMatch(/^[a-z0-9.]+@example\.(org|com|net)$/);
    }
  });

  it('only refers to disciplines in the taxonomy', () => {
    for (const p of DEMO_PROFESSIONALS) {
      for (const o of p.offers) expect(slugs).toContain(o.slug);
      for (const s of p.seeks) expect(slugs).toContain(s);
    }
  });

  it('only refers to existing municipalities', () => {
    for (const p of DEMO_PROFESSIONALS) {
      if (p.municipalityCode !== null) expect(municipalities.has(p.municipalityCode)).toBe(true);
    }
  });
});

describe('DEMO_INITIATIVES', () => {
  it('numbers keys by array index', () => {
    DEMO_INITIATIVES.forEach((initiative, i) => expect(initiative.key).toBe(i));
  });

  it('only refers to disciplines in the taxonomy and existing municipalities', () => {
    for (const initiative of DEMO_INITIATIVES) {
      expect(municipalities.has(initiative.municipalityCode)).toBe(true);
      for (const t of initiative.themes) expect(slugs).toContain(t);
      for (const n of initiative.needs) expect(slugs).toContain(n.slug);
    }
  });

  it('has at least one valid initiator each', () => {
    for (const initiative of DEMO_INITIATIVES) {
      expect(initiative.initiatorKeys.length).toBeGreaterThanOrEqual(1);
      expect(new Set(initiative.initiatorKeys).size).toBe(initiative.initiatorKeys.length);
      for (const key of initiative.initiatorKeys) expect(DEMO_PROFESSIONALS[key]?.key).toBe(key);
    }
  });

  it.each([
    ['Wijkdeals', 'GM0518'],
    ['Menukaarten', 'GM0718'],
    ['Tuinman in de Wijk', 'GM0599'],
  ])('includes the knowledge bank example %s in %s', (title, code) => {
    const initiative = DEMO_INITIATIVES.find((i) => i.title.includes(title));
    expect(initiative?.municipalityCode).toBe(code);
    expect(initiative?.lessonsLearned).toBeTruthy();
  });
});

describe('MUNICIPALITY_ALIASES', () => {
  it('only uses existing municipality codes', () => {
    for (const code of Object.keys(MUNICIPALITY_ALIASES)) expect(municipalities.has(code)).toBe(true);
  });

  it('lists only names that search would not already find by the official name', () => {
    for (const [code, aliases] of Object.entries(MUNICIPALITY_ALIASES)) {
      expect(aliases.length).toBeGreaterThan(0);
      const official = normalizePlaceName(municipalities.get(code) ?? '');
      for (const alias of aliases) expect(normalizePlaceName(alias)).not.toBe(official);
    }
  });

  it('maps the common names of The Hague and Den Bosch', () => {
    expect(MUNICIPALITY_ALIASES['GM0518']).toContain('Den Haag');
    expect(MUNICIPALITY_ALIASES['GM0796']).toContain('Den Bosch');
  });
});
