import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { InitiativeStatus, RegionScope, Sector } from '../common/enums.js';
import type { MunicipalityRef } from '../database/reference-data.js';
import type { DisciplineSeed } from '../disciplines/taxonomy.data.js';
import type { NetworkInitiative, NetworkProfessional } from './network.types.js';
import { generateInitiatives, generateNetwork, generateProfessionals } from './synthetic-network.js';
import type { SyntheticOptions } from './synthetic-network.js';

function loadMunicipalities(): MunicipalityRef[] {
  const lines = readFileSync(join(process.cwd(), 'data/municipalities.csv'), 'utf8').trim().split('\n');
  return lines.slice(1).map((line) => {
    // One name is quoted because it holds a comma: "Nuenen, Gerwen en Nederwetten".
    const match = /^(GM\d{4}),(?:"([^"]*)"|([^,]*)),(PV\d{2}),([-\d.]+),([-\d.]+)$/.exec(line);
    if (!match) throw new Error(`unexpected municipality line: ${line}`);
    return {
      code: match[1] as string,
      name: (match[2] ?? match[3]) as string,
      provinceCode: match[4] as string,
      latitude: Number(match[5]),
      longitude: Number(match[6]),
    };
  });
}

/** Three groups of four, independent of the real taxonomy. */
const DISCIPLINES: readonly DisciplineSeed[] = [
  { slug: 'openbare-ruimte', parentSlug: null, nameNl: 'Openbare ruimte', nameEn: 'Public space' },
  { slug: 'groenbeheer', parentSlug: 'openbare-ruimte', nameNl: 'Groenbeheer', nameEn: 'Green maintenance' },
  { slug: 'bewonersbeheer', parentSlug: 'openbare-ruimte', nameNl: 'Bewonersbeheer', nameEn: 'Resident management' },
  { slug: 'klimaatadaptatie', parentSlug: 'openbare-ruimte', nameNl: 'Klimaatadaptatie', nameEn: 'Climate adaptation' },
  { slug: 'speelruimte', parentSlug: 'openbare-ruimte', nameNl: 'Speelruimte', nameEn: 'Play space' },
  { slug: 'sociaal-domein', parentSlug: null, nameNl: 'Sociaal domein', nameEn: 'Social domain' },
  { slug: 'participatie', parentSlug: 'sociaal-domein', nameNl: 'Participatie', nameEn: 'Participation' },
  { slug: 'zorg-en-welzijn', parentSlug: 'sociaal-domein', nameNl: 'Zorg en welzijn', nameEn: 'Care and welfare' },
  { slug: 'jongerenwerk', parentSlug: 'sociaal-domein', nameNl: 'Jongerenwerk', nameEn: 'Youth work' },
  { slug: 'eenzaamheid', parentSlug: 'sociaal-domein', nameNl: 'Eenzaamheid', nameEn: 'Loneliness' },
  { slug: 'energie-en-wonen', parentSlug: null, nameNl: 'Energie en wonen', nameEn: 'Energy and housing' },
  { slug: 'energiecooperatie', parentSlug: 'energie-en-wonen', nameNl: 'Energiecoöperatie', nameEn: 'Energy co-operative' },
  { slug: 'warmtetransitie', parentSlug: 'energie-en-wonen', nameNl: 'Warmtetransitie', nameEn: 'Heat transition' },
  { slug: 'wooncooperatie', parentSlug: 'energie-en-wonen', nameNl: 'Wooncoöperatie', nameEn: 'Housing co-operative' },
  { slug: 'financiering', parentSlug: 'energie-en-wonen', nameNl: 'Financiering', nameEn: 'Funding' },
];

const municipalities = loadMunicipalities();
const childSlugs = new Set(DISCIPLINES.filter((d) => d.parentSlug !== null).map((d) => d.slug));
const allSlugs = new Set(DISCIPLINES.map((d) => d.slug));
const municipalityCodes = new Set(municipalities.map((m) => m.code));

function options(overrides: Partial<SyntheticOptions> = {}): SyntheticOptions {
  return { professionals: 500, initiatives: 50, seed: 42, municipalities, disciplines: DISCIPLINES, ...overrides };
}

function countBy<T>(items: readonly T[], keysOf: (item: T) => readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) for (const key of keysOf(item)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

describe('synthetic network', () => {
  it('loads all municipalities, including the quoted one', () => {
    expect(municipalities).toHaveLength(342);
    expect(municipalities.find((m) => m.code === 'GM0820')?.name).toBe('Nuenen, Gerwen en Nederwetten');
  });

  describe('determinism', () => {
    it('gives the same network for the same seed', () => {
      expect(generateNetwork(options())).toEqual(generateNetwork(options()));
    });

    it('gives a different network for a different seed', () => {
      const a = generateNetwork(options({ seed: 1 }));
      const b = generateNetwork(options({ seed: 2 }));
      expect(a.professionals).not.toEqual(b.professionals);
      expect(a.initiatives).not.toEqual(b.initiatives);
    });

    it('streams each item independently: a smaller network is a prefix of a bigger one', () => {
      const small = generateNetwork(options({ professionals: 100, initiatives: 10 }));
      const big = [...generateProfessionals(options({ professionals: 300 }))];
      expect(big.slice(0, 100)).toEqual(small.professionals);
      expect([...generateInitiatives(options({ professionals: 100, initiatives: 10 }))]).toEqual(small.initiatives);
    });

    it('does not depend on the order of the disciplines', () => {
      const reversed = generateNetwork(options({ disciplines: [...DISCIPLINES].reverse() }));
      expect(reversed).toEqual(generateNetwork(options()));
    });
  });

  it('rejects options it cannot honour, before the first item', () => {
    expect(() => generateProfessionals(options({ professionals: -1 }))).toThrow(RangeError);
    expect(() => generateInitiatives(options({ professionals: 0, initiatives: 5 }))).toThrow(RangeError);
    expect(() => generateProfessionals(options({ seed: 1.5 }))).toThrow(RangeError);
    expect(() => generateProfessionals(options({ disciplines: DISCIPLINES.filter((d) => d.parentSlug === null) }))).toThrow(
      RangeError,
    );
  });

  describe('on 20,000 professionals and 2,000 initiatives', () => {
    const total = 20_000;
    let professionals: NetworkProfessional[];
    let initiatives: NetworkInitiative[];

    beforeAll(() => {
      ({ professionals, initiatives } = generateNetwork(options({ professionals: total, initiatives: 2_000, seed: 7 })));
    });

    it('has the requested counts and keys', () => {
      expect(professionals).toHaveLength(total);
      expect(initiatives).toHaveLength(2_000);
      expect(professionals.filter((p, i) => p.key !== i)).toEqual([]);
      expect(initiatives.filter((initiative, i) => initiative.key !== i)).toEqual([]);
    });

    it('gives unique ascii e-mail addresses on a reserved domain and Dutch names', () => {
      const emails = new Set(professionals.map((p) => p.email));
      expect(emails.size).toBe(total);
      expect(professionals.filter((p) => !/^[a-z]+\.[a-z]+\.\d+@example\.org$/.test(p.email))).toEqual([]);
      expect(professionals.some((p) => / van (der|den|de) /.test(p.name))).toBe(true);
      expect(new Set(professionals.map((p) => p.name)).size).toBeGreaterThan(1_000);
    });

    it('offers 1–4 distinct child disciplines and seeks 1–3 others', () => {
      const wrong = professionals.filter((p) => {
        const offered = p.offers.map((o) => o.slug);
        return (
          offered.length < 1 ||
          offered.length > 4 ||
          new Set(offered).size !== offered.length ||
          offered.some((slug) => !childSlugs.has(slug)) ||
          p.seeks.length < 1 ||
          p.seeks.length > 3 ||
          new Set(p.seeks).size !== p.seeks.length ||
          p.seeks.some((slug) => !allSlugs.has(slug) || offered.includes(slug))
        );
      });
      expect(wrong).toEqual([]);
      expect(professionals.some((p) => p.seeks.some((slug) => !childSlugs.has(slug)))).toBe(true);
    });

    it('uses valid municipalities, and none only for some NATIONAL people', () => {
      const wrong = professionals.filter((p) =>
        p.municipalityCode === null ? p.scope !== RegionScope.NATIONAL : !municipalityCodes.has(p.municipalityCode),
      );
      expect(wrong).toEqual([]);
      const without = professionals.filter((p) => p.municipalityCode === null).length / total;
      expect(without).toBeGreaterThan(0.01);
      expect(without).toBeLessThan(0.03);
    });

    it('mixes sectors like the network does', () => {
      const expected: Record<Sector, number> = {
        [Sector.GOVERNMENT]: 0.25,
        [Sector.INSTITUTION]: 0.2,
        [Sector.SOCIAL_ENTERPRISE]: 0.15,
        [Sector.BUSINESS]: 0.15,
        [Sector.SCIENCE]: 0.1,
        [Sector.CITIZEN]: 0.15,
      };
      const counts = countBy(professionals, (p) => [p.sector]);
      for (const [sector, share] of Object.entries(expected)) {
        expect(Math.abs((counts.get(sector) ?? 0) / total - share)).toBeLessThan(0.02);
      }
    });

    it('mixes scopes: mostly local, some provincial, few national', () => {
      const counts = countBy(professionals, (p) => [p.scope]);
      expect(Math.abs((counts.get(RegionScope.LOCAL) ?? 0) / total - 0.55)).toBeLessThan(0.03);
      expect(Math.abs((counts.get(RegionScope.PROVINCE) ?? 0) / total - 0.3)).toBeLessThan(0.03);
      expect(Math.abs((counts.get(RegionScope.NATIONAL) ?? 0) / total - 0.15)).toBeLessThan(0.03);
    });

    it('puts more people in big cities', () => {
      const counts = countBy(professionals, (p) => (p.municipalityCode ? [p.municipalityCode] : []));
      const sorted = municipalities.map((m) => counts.get(m.code) ?? 0).sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] as number;
      expect(median).toBeGreaterThan(0);
      expect(counts.get('GM0363') ?? 0).toBeGreaterThan(median * 10);
      expect(counts.get('GM0599') ?? 0).toBeGreaterThan(counts.get('GM0307') ?? 0);
    });

    it('makes some disciplines rare', () => {
      const counts = [...countBy(professionals, (p) => p.offers.map((o) => o.slug)).values()].sort((a, b) => a - b);
      expect(counts).toHaveLength(childSlugs.size);
      expect(counts[0] as number).toBeLessThan((counts[counts.length - 1] as number) / 5);
    });

    it('lets a real share of people work at the same organisation', () => {
      const withOrganisation = professionals.filter((p) => p.organisation !== null);
      const counts = countBy(withOrganisation, (p) => [p.organisation as string]);
      const sharing = withOrganisation.filter((p) => (counts.get(p.organisation as string) ?? 0) > 1).length;
      expect(sharing / withOrganisation.length).toBeGreaterThan(0.5);
      expect(withOrganisation.length).toBeLessThan(total);
    });

    it('keeps the other fields within their ranges', () => {
      const hours = professionals.map((p) => p.availableHoursPerMonth);
      expect(hours.filter((h) => h !== null && (h < 2 || h > 40 || !Number.isInteger(h)))).toEqual([]);
      const withoutHours = hours.filter((h) => h === null).length / total;
      expect(Math.abs(withoutHours - 0.2)).toBeLessThan(0.02);
      const english = professionals.filter((p) => p.locale === 'en').length / total;
      expect(english).toBeGreaterThan(0.03);
      expect(english).toBeLessThan(0.07);
      const bios = professionals.map((p) => p.bio ?? '').join(' ');
      for (const word of ['wijk', 'buurt', 'bewoners', 'participatie']) expect(bios).toContain(word);
    });

    it('builds initiatives that refer to valid municipalities, disciplines and initiators', () => {
      const wrong = initiatives.filter(
        (i) =>
          !municipalityCodes.has(i.municipalityCode) ||
          i.title === '' ||
          i.summary === '' ||
          i.themes.length < 1 ||
          i.themes.length > 3 ||
          new Set(i.themes).size !== i.themes.length ||
          i.themes.some((slug) => !allSlugs.has(slug)) ||
          i.needs.length < 1 ||
          i.needs.length > 5 ||
          new Set(i.needs.map((n) => n.slug)).size !== i.needs.length ||
          i.needs.some(
            (n) => !childSlugs.has(n.slug) || (n.hoursPerMonth !== null && (n.hoursPerMonth < 2 || n.hoursPerMonth > 20)),
          ) ||
          (i.status === InitiativeStatus.IDEA && i.lessonsLearned !== null) ||
          i.initiatorKeys.length < 1 ||
          i.initiatorKeys.length > 3 ||
          new Set(i.initiatorKeys).size !== i.initiatorKeys.length ||
          i.initiatorKeys.some((key) => !Number.isInteger(key) || key < 0 || key >= total),
      );
      expect(wrong).toEqual([]);
      const needs = initiatives.flatMap((i) => i.needs);
      const fulfilled = needs.filter((n) => n.fulfilled).length / needs.length;
      expect(fulfilled).toBeGreaterThan(0.1);
      expect(fulfilled).toBeLessThan(0.3);
    });

    it('prefers residents and social entrepreneurs as initiators, mostly in their own municipality', () => {
      const initiators = initiatives.flatMap((i) => i.initiatorKeys.map((k) => professionals[k] as NetworkProfessional));
      const grassroots = initiators.filter(
        (p) => p.sector === Sector.CITIZEN || p.sector === Sector.SOCIAL_ENTERPRISE,
      ).length;
      expect(grassroots / initiators.length).toBeGreaterThan(0.4);
      const local = initiatives.filter(
        (i) => professionals[i.initiatorKeys[0] as number]?.municipalityCode === i.municipalityCode,
      ).length;
      expect(local / initiatives.length).toBeGreaterThan(0.6);
    });
  });
});
