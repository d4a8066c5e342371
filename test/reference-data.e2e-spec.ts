// The reference data a form needs: disciplines found by name, municipalities by the names people use.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TAXONOMY } from '../src/disciplines/taxonomy.data.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface Found {
  disciplines: { slug: string; name: string; parent: { slug: string } | null }[];
}

describe('disciplines(search:) and municipalities(search:)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const find = async (search?: string | null, locale = 'nl') => {
    const res = await t.gql<Found>(`query($s: String, $l: String) { disciplines(search: $s) { slug name(locale: $l) parent { slug } } }`, { s: search, l: locale });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.disciplines;
  };

  it('finds disciplines by Dutch or English name or slug, ignoring case and accents, each with its parent, in taxonomy order', async () => {
    expect(await find('COÖPERATIE')).toEqual([
      { slug: 'zorgcooperaties', name: 'Zorgcoöperaties', parent: { slug: 'zorg-en-welzijn' } },
      { slug: 'wooncooperaties', name: 'Wooncoöperaties', parent: { slug: 'wonen-en-ruimte' } },
      { slug: 'cooperatie-recht', name: 'Coöperatierecht', parent: { slug: 'recht-en-governance' } },
    ]);
    // English, with the hyphen written as a space.
    expect((await find('co operative', 'en')).map((d) => d.name)).toEqual(['Care co-operatives', 'Housing co-operatives', 'Co-operative law']);
    // By slug.
    expect((await find('cooperatie-recht')).map((d) => d.slug)).toEqual(['cooperatie-recht']);
    // A group and its children: the group first (roots first, as in the whole list), flat.
    const energy = await find('energ');
    expect(energy[0]).toEqual({ slug: 'energie-en-duurzaamheid', name: 'Energie en duurzaamheid', parent: null });
    expect(energy.map((d) => d.slug)).toEqual(expect.arrayContaining(['lokale-energie', 'energiebesparing']));
    expect(energy.slice(1).every((d) => d.parent !== null)).toBe(true);
    const order = TAXONOMY.map((d) => d.slug);
    const children = energy.slice(1).map((d) => order.indexOf(d.slug));
    expect(children).toEqual([...children].sort((a, b) => a - b));
    expect(await find('bestaat niet')).toEqual([]);
  });

  it('is unchanged without a search, and refuses a search longer than 100 characters', async () => {
    const all = await find();
    expect(all).toHaveLength(TAXONOMY.length);
    expect(all.slice(0, 12).every((d) => d.parent === null)).toBe(true);
    expect(await find('')).toEqual(all);
    const long = await t.gql(`query($s: String) { disciplines(search: $s) { slug } }`, { s: 'x'.repeat(101) });
    expect(long.errors?.[0]).toMatchObject({ message: 'search must be at most 100 characters', extensions: { code: 'BAD_USER_INPUT', field: 'search' } });
    expect((await find('x'.repeat(100))).length).toBe(0);
  });

  it('finds municipalities by their aliases: Den Bosch is ’s-Hertogenbosch', async () => {
    const places = async (search: string) =>
      (await t.gql<{ municipalities: { name: string }[] }>(`query($s: String) { municipalities(search: $s) { name } }`, { s: search })).data?.municipalities.map((m) => m.name);
    expect(await places('Den Bosch')).toEqual(["'s-Hertogenbosch"]);
    expect(await places('den bosch')).toEqual(["'s-Hertogenbosch"]);
    expect(await places("'s-Hertogenbosch")).toEqual(["'s-Hertogenbosch"]);
  });
});
