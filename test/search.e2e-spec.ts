import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from './support/drain.js';
import { makeFixtures } from './support/fixtures.js';
import { registerAndSignIn } from './support/sign-in.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const SEARCH = `query($input: ExpertSearchInput!, $first: Int, $after: String) { searchExperts(input: $input, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor score distanceKm matchedDisciplines { slug } node { id name } } } }`;

interface Result {
  searchExperts: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { score: number; distanceKm: number | null; matchedDisciplines: { slug: string }[]; node: { id: string; name: string } }[];
  };
}

describe('searchExperts', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    const vera = await registerAndSignIn(t, { email: 'vera@example.org', name: 'Vera Zoeker', municipalityCode: 'GM0718' });
    token = vera.token;
    const make = makeFixtures(t.db);
    await t.db.query(`INSERT INTO professional_offer (professional_id, discipline_id, level) SELECT $1, id, 'EXPERT' FROM discipline WHERE slug = 'participatie'`, [vera.id]);
    await make.professional({ name: 'Anna', municipalityCode: 'GM0718', sector: 'GOVERNMENT', hours: 10, bio: 'Werkt in de wijken van Vlissingen', offers: { participatie: 'EXPERT', subsidies: 'EXPERIENCED' } });
    await make.professional({ name: 'Bas', municipalityCode: 'GM0687', sector: 'CITIZEN', hours: 20, offers: { participatie: 'BASIC' } });
    await make.professional({ name: 'Cor', municipalityCode: 'GM0363', sector: 'BUSINESS', scope: 'NATIONAL', hours: 8, offers: { groenbeheer: 'EXPERT' } });
    await make.professional({ name: 'Dina', municipalityCode: 'GM0599', sector: 'SCIENCE', headline: 'Onderzoeker van de wijk', offers: { subsidies: 'EXPERT' } });
    await make.professional({ name: 'Eef', municipalityCode: 'GM0718', optedIn: false, hours: 40, offers: { participatie: 'EXPERT' } });
    await make.professional({ name: 'Femke', municipalityCode: null, scope: 'NATIONAL', hours: 4, offers: { fondsenwerving: 'EXPERIENCED' } });
    await make.professional({ name: 'Gert', municipalityCode: 'GM0599', hours: 2, offers: { subsidies: 'BASIC' } });
  });
  afterAll(() => t?.close());

  async function search(input: Record<string, unknown>, page: { first?: number; after?: string | null } = {}): Promise<Result['searchExperts']> {
    const res = await t.gql<Result>(SEARCH, { input, ...page }, { token });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.searchExperts;
  }
  const names = (r: Result['searchExperts']) => r.edges.map((e) => e.node.name);

  it('finds who offers a discipline, best score first, never the caller or someone who opted out', async () => {
    const r = await search({ disciplines: ['participatie'] });
    expect(names(r)).toEqual(['Anna', 'Bas']);
    // Anna: expert (1) and 10 h (0.5): (0.6·1 + 0.15·0.5) / 0.75 = 0.9. Bas: basic, 20 h: (0.3 + 0.15) / 0.75 = 0.6.
    expect(r.edges.map((e) => e.score)).toEqual([0.9, 0.6]);
    expect(r.totalCount).toBe(2);
  });

  it('expands a parent discipline to its descendants and lists the requested ones matched', async () => {
    expect(names(await search({ disciplines: ['financiering-en-fondsen'] })).sort()).toEqual(['Anna', 'Dina', 'Femke', 'Gert']);
    const both = await search({ disciplines: ['participatie', 'subsidies'] });
    expect(Object.fromEntries(both.edges.map((e) => [e.node.name, e.matchedDisciplines.map((d) => d.slug)]))).toEqual({
      Anna: ['participatie', 'subsidies'], Bas: ['participatie'], Dina: ['subsidies'], Gert: ['subsidies'],
    });
    expect(names(both)[0]).toBe('Anna');
  });

  it('filters on minimum level and on sector', async () => {
    expect(names(await search({ disciplines: ['participatie'], minLevel: 'EXPERIENCED' }))).toEqual(['Anna']);
    expect(names(await search({ disciplines: ['participatie', 'subsidies'], sectors: ['CITIZEN', 'SCIENCE'] }))).toEqual(['Dina', 'Bas', 'Gert']);
    expect(names(await search({ disciplines: ['participatie', 'subsidies'], sectors: ['GOVERNMENT'] }))).toEqual(['Anna']);
  });

  it('keeps people within a distance of a municipality, and NATIONAL people wherever they live', async () => {
    const r = await search({ disciplines: ['participatie', 'openbare-ruimte-en-groen'], municipalityCode: 'GM0718', withinKm: 20 });
    expect(names(r).sort()).toEqual(['Anna', 'Bas', 'Cor']);
    const byName = Object.fromEntries(r.edges.map((e) => [e.node.name, e.distanceKm]));
    expect(byName.Anna).toBe(0);
    expect(byName.Bas).toBeGreaterThan(3);
    expect(byName.Bas).toBeLessThan(10);
    expect(byName.Cor).toBeGreaterThan(130);
  });

  it('ranks by distance without excluding when only a municipality is given', async () => {
    const r = await search({ disciplines: ['subsidies'], municipalityCode: 'GM0599' });
    expect(names(r)).toEqual(['Dina', 'Anna', 'Gert']);
    expect(r.edges[0].distanceKm).toBe(0);
    const withoutPlace = await search({ disciplines: ['subsidies'] });
    expect(withoutPlace.edges.every((e) => e.distanceKm === null)).toBe(true);
  });

  it('keeps one province, NATIONAL people only when they live there', async () => {
    expect(names(await search({ disciplines: ['participatie', 'groenbeheer'], provinceCode: 'PV29' })).sort()).toEqual(['Anna', 'Bas']);
  });

  it('searches text with Dutch stemming: "wijken" finds "wijk"', async () => {
    expect(names(await search({ disciplines: ['subsidies'], text: 'wijken' })).sort()).toEqual(['Anna', 'Dina']);
    expect(names(await search({ disciplines: ['subsidies'], text: 'onderzoekers' }))).toEqual(['Dina']);
  });

  it('searches by text alone (no disciplines): ranked by how well the text matches, then place and hours', async () => {
    const r = await search({ disciplines: [], text: 'wijken' });
    expect(names(r)).toEqual(['Dina', 'Anna']);
    // The text rank T stands in for coverage. Dina: "wijk" in her headline (weight 0.4, T = 0.4/1.4), hours unknown (0.25):
    // (0.6·0.2857 + 0.15·0.25) / 0.75 = 0.2786. Anna: in her bio (0.2, T = 0.2/1.2), 10 h (0.5): (0.1 + 0.075) / 0.75 = 0.2333.
    expect(r.edges.map((e) => e.score)).toEqual([0.278571429, 0.233333333]);
    expect(r.edges.map((e) => e.matchedDisciplines)).toEqual([[], []]);
    expect(r.totalCount).toBe(2);
    // Near Vlissingen, Anna (there) passes Dina (Rotterdam): (0.1 + 0.075 + 0.15·1) / 0.9 = 0.3611.
    const near = await search({ disciplines: [], text: 'wijken', municipalityCode: 'GM0718' });
    expect(names(near)).toEqual(['Anna', 'Dina']);
    expect(near.edges[0].score).toBe(0.361111111);
    expect(names(await search({ disciplines: [], text: 'wijken', sectors: ['GOVERNMENT'] }))).toEqual(['Anna']);
    expect(names(await search({ disciplines: [], text: 'wijken', municipalityCode: 'GM0718', withinKm: 10 }))).toEqual(['Anna']);
    // Text alone also finds someone who offers no discipline at all.
    await makeFixtures(t.db).professional({ name: 'Ilse', municipalityCode: 'GM0718', hours: 20, bio: 'Kent elke wijk' });
    await eventually(async () => expect(names(await search({ disciplines: [], text: 'wijk', municipalityCode: 'GM0718' }))).toEqual(['Ilse', 'Anna', 'Dina']));
    expect((await search({ disciplines: [], text: 'bestaatnergens' })).totalCount).toBe(0);
  });

  it('pages without repeats or gaps, with an exact totalCount on every page', async () => {
    const input = { disciplines: ['participatie', 'financiering-en-fondsen', 'groenbeheer'] };
    const all = await search(input, { first: 100 });
    expect(all.totalCount).toBe(6);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page = await search(input, { first: 2, after });
      expect(page.totalCount).toBe(6);
      seen.push(...names(page));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(names(all));
    const past = await search(input, { first: 2, after: all.pageInfo.endCursor });
    expect(past).toMatchObject({ totalCount: 6, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('follows changes: new expertise is found, opting out or deleting the account hides a person', async () => {
    const hans = await registerAndSignIn(t, { email: 'hans@example.org', name: 'Hans', municipalityCode: 'GM0718' });
    // The index follows the change log in the background: each change shows within moments.
    const found = (expected: string[]) => eventually(async () => expect(names(await search({ disciplines: ['bewonersbeheer'] }))).toEqual(expected));
    await t.gql(`mutation { setExpertise(offers: [{ discipline: "bewonersbeheer", level: EXPERT }], seeks: []) { id } }`, {}, { token: hans.token });
    await found(['Hans']);
    await t.gql(`mutation { updatePreferences(input: { optedIn: false }) { optedIn } }`, {}, { token: hans.token });
    await found([]);
    await t.gql(`mutation { updatePreferences(input: { optedIn: true }) { optedIn } }`, {}, { token: hans.token });
    await found(['Hans']);
    await t.gql(`mutation { deleteMyAccount }`, {}, { token: hans.token });
    await found([]);
  });

  it('rejects anonymous callers and bad input with clear codes', async () => {
    expect((await t.gql(SEARCH, { input: { disciplines: ['participatie'] } })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const bad = async (input: Record<string, unknown>, first = 20) => (await t.gql(SEARCH, { input, first }, { token })).errors?.[0];
    expect(await bad({ disciplines: ['bestaat-niet'] })).toMatchObject({ message: 'Unknown discipline "bestaat-niet"', extensions: { code: 'BAD_USER_INPUT' } });
    expect(await bad({ disciplines: ['participatie'], municipalityCode: 'GM0001' })).toMatchObject({ message: 'Unknown municipality "GM0001"' });
    expect(await bad({ disciplines: ['participatie'], provinceCode: 'PV99' })).toMatchObject({ message: 'Unknown province "PV99"' });
    expect(await bad({ disciplines: ['participatie'], withinKm: 10 })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'withinKm' } });
    const neither = { message: 'Search by disciplines, by text or both: give at least one discipline or a non-blank text', extensions: { code: 'BAD_USER_INPUT', field: 'disciplines' } };
    expect(await bad({ disciplines: [] })).toMatchObject(neither);
    expect(await bad({ disciplines: [], text: '   ' })).toMatchObject(neither);
    expect(await bad({ disciplines: [], text: 'wijk', minLevel: 'EXPERT' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'minLevel' } });
    expect(await bad({ disciplines: ['participatie'] }, 101)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  // A query seen before runs compiled by graphql-jit (src/graphql/compiled-execution.plugin.ts).
  it('answers a repeated query compiled exactly as graphql-js did the first time, errors included', async () => {
    const full = `query Full($input: ExpertSearchInput!) { searchExperts(input: $input) { totalCount
      edges { score distanceKm matchedDisciplines { slug name } node { id name headline bio organisation sector scope availableHoursPerMonth municipality { code name province { name } } } } } }`;
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await t.gql(full, { input: { disciplines: ['participatie'], municipalityCode: 'GM0718' } }, { token }));
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    const anna = (answers[2].data as { searchExperts: { edges: { node: Record<string, unknown> }[] } }).searchExperts.edges[0].node;
    expect(anna).toMatchObject({
      name: 'Anna', bio: 'Werkt in de wijken van Vlissingen', sector: 'GOVERNMENT', scope: expect.any(String), availableHoursPerMonth: 10,
      municipality: { code: 'GM0718', name: 'Vlissingen', province: { name: 'Zeeland' } },
    });
    expect(Object.keys(anna)).not.toContain('email');

    const failing = `query Failing($input: ExpertSearchInput!) { searchExperts(input: $input) { totalCount } }`;
    for (let i = 0; i < 3; i++) {
      const res = await t.gql(failing, { input: { disciplines: ['bestaat-niet'] } }, { token });
      expect(res.errors).toEqual([{ message: 'Unknown discipline "bestaat-niet"', path: ['searchExperts'], locations: expect.any(Array), extensions: { code: 'BAD_USER_INPUT', field: 'discipline', value: 'bestaat-niet' } }]);
    }
  });
});
