import { describe, expect, it } from '@jest/globals';
import { TAXONOMY, TAXONOMY_VERSION } from './taxonomy.data.js';

const KEBAB_ASCII = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const groups = TAXONOMY.filter((d) => d.parentSlug === null);
const children = TAXONOMY.filter((d) => d.parentSlug !== null);
const groupSlugs = new Set(groups.map((g) => g.slug));

describe('TAXONOMY', () => {
  it('has a version', () => {
    expect(TAXONOMY_VERSION).toBeGreaterThanOrEqual(1);
  });

  it('has between 50 and 80 disciplines in 8 to 12 groups', () => {
    expect(TAXONOMY.length).toBeGreaterThanOrEqual(50);
    expect(TAXONOMY.length).toBeLessThanOrEqual(80);
    expect(groups.length).toBeGreaterThanOrEqual(8);
    expect(groups.length).toBeLessThanOrEqual(12);
  });

  it('uses unique lowercase ascii kebab-case slugs', () => {
    const slugs = TAXONOMY.map((d) => d.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(KEBAB_ASCII);
  });

  it('names every discipline in Dutch and English', () => {
    for (const d of TAXONOMY) {
      expect(d.nameNl.trim()).not.toBe('');
      expect(d.nameEn.trim()).not.toBe('');
      expect(d.nameNl[0]).toBe(d.nameNl[0]?.toUpperCase());
    }
  });

  it('is two levels deep: every child hangs under a group', () => {
    for (const child of children) expect(groupSlugs).toContain(child.parentSlug);
  });

  it('gives every group at least three children', () => {
    for (const group of groups) {
      expect(children.filter((c) => c.parentSlug === group.slug).length).toBeGreaterThanOrEqual(3);
    }
  });

  it('lists the groups first, then the children grouped by parent', () => {
    expect(TAXONOMY.slice(0, groups.length)).toEqual(groups);
    const parentOrder = children.map((c) => c.parentSlug);
    const seen = new Set<string | null>();
    parentOrder.forEach((parent, i) => {
      if (i > 0 && parentOrder[i - 1] !== parent) expect(seen.has(parent)).toBe(false);
      seen.add(parent);
    });
  });

  it.each([
    ['groenbeheer', 'openbare-ruimte-en-groen'],
    ['bewonersbeheer', 'openbare-ruimte-en-groen'],
    ['participatie', 'participatie-en-communicatie'],
    ['subsidies', 'financiering-en-fondsen'],
    ['impactmeting', 'onderzoek-en-monitoring'],
    ['wijkaanpak', 'wonen-en-ruimte'],
    ['lokale-energie', 'energie-en-duurzaamheid'],
  ])('contains %s under %s', (slug, parentSlug) => {
    expect(TAXONOMY.find((d) => d.slug === slug)?.parentSlug).toBe(parentSlug);
  });
});
