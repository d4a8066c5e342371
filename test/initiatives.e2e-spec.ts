import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { requestLogged } from './support/drain.js';
import { makeFixtures } from './support/fixtures.js';
import { registerAndSignIn } from './support/sign-in.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const CREATE = `mutation($input: InitiativeInput!) { createInitiative(input: $input) {
  id title status municipality { code province { code } } themes { slug } needs { id discipline { slug } level fulfilled } initiators { id name } } }`;
const UPDATE = `mutation($id: ID!, $input: InitiativeUpdateInput!) { updateInitiative(id: $id, input: $input) { id title lessonsLearned themes { slug } } }`;
const LIST = `query($filter: InitiativeFilter, $first: Int, $after: String) { initiatives(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title } } } }`;

interface Page {
  initiatives: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string; title: string } }[] };
}

describe('initiatives: ownership and editing', () => {
  let t: TestApp;
  let owner: { token: string; id: string };
  let other: { token: string; id: string };
  let admin: { token: string; id: string };
  let initiativeId: string;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await registerAndSignIn(t, { email: 'owner@example.org', name: 'Olga Eigenaar' });
    other = await registerAndSignIn(t, { email: 'other@example.org', name: 'Otto Ander' });
    admin = await registerAndSignIn(t, { email: 'admin@example.org', name: 'Ada Admin' });
  });
  afterAll(() => t?.close());

  it('lets a signed-in professional create an initiative and makes them its initiator', async () => {
    const res = await t.gql<{ createInitiative: { id: string } }>(CREATE, {
      input: {
        title: 'Tuinman in de Wijk',
        summary: 'Bewoners onderhouden samen het groen in hun wijk.',
        municipalityCode: 'GM0599',
        themes: ['groenbeheer'],
        needs: [{ discipline: 'subsidies', level: 'EXPERIENCED', hoursPerMonth: 4 }],
      },
    }, { token: owner.token });
    expect(res.errors).toBeUndefined();
    expect(res.data?.createInitiative).toMatchObject({
      title: 'Tuinman in de Wijk',
      status: 'IDEA',
      municipality: { code: 'GM0599', province: { code: 'PV28' } },
      themes: [{ slug: 'groenbeheer' }],
      needs: [{ discipline: { slug: 'subsidies' }, level: 'EXPERIENCED', fulfilled: false }],
      initiators: [{ id: owner.id, name: 'Olga Eigenaar' }],
    });
    initiativeId = res.data!.createInitiative.id;
  });

  it('rejects anonymous creation, and unknown slugs and codes naming the value', async () => {
    const input = { title: 'Iets', summary: 'Een samenvatting van iets', municipalityCode: 'GM0599' };
    expect((await t.gql(CREATE, { input })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const slug = await t.gql(CREATE, { input: { ...input, themes: ['bestaat-niet'] } }, { token: owner.token });
    expect(slug.errors?.[0]).toMatchObject({ message: 'Unknown discipline "bestaat-niet"', extensions: { code: 'BAD_USER_INPUT' } });
    const code = await t.gql(CREATE, { input: { ...input, municipalityCode: 'GM0001' } }, { token: owner.token });
    expect(code.errors?.[0]).toMatchObject({ message: 'Unknown municipality "GM0001"', extensions: { code: 'BAD_USER_INPUT' } });
    const format = await t.gql(CREATE, { input: { ...input, municipalityCode: 'Rotterdam' } }, { token: owner.token });
    expect(format.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(format.errors?.[0].message).toContain('"Rotterdam"');
  });

  it('lets only initiators and admins edit', async () => {
    const input = { lessonsLearned: 'Begin klein.', themes: ['groenbeheer', 'participatie'] };
    const denied = await t.gql(UPDATE, { id: initiativeId, input }, { token: other.token });
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byOwner = await t.gql(UPDATE, { id: initiativeId, input }, { token: owner.token });
    expect(byOwner.data).toMatchObject({ updateInitiative: { lessonsLearned: 'Begin klein.', themes: [{ slug: 'groenbeheer' }, { slug: 'participatie' }] } });
    const byAdmin = await t.gql(UPDATE, { id: initiativeId, input: { title: 'Tuinman in de Wijk Rotterdam' } }, { token: admin.token });
    expect(byAdmin.data).toMatchObject({ updateInitiative: { title: 'Tuinman in de Wijk Rotterdam' } });
    const missing = await t.gql(UPDATE, { id: '00000000-0000-4000-8000-000000000000', input }, { token: owner.token });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('adds an initiator, who may then edit; needs can be added and fulfilled by initiators only', async () => {
    const addDenied = await t.gql(`mutation($i: ID!, $p: ID!) { addInitiator(initiativeId: $i, professionalId: $p) { id } }`, { i: initiativeId, p: other.id }, { token: other.token });
    expect(addDenied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const added = await t.gql<{ addInitiator: { initiators: { id: string }[] } }>(
      `mutation($i: ID!, $p: ID!) { addInitiator(initiativeId: $i, professionalId: $p) { initiators { id } } }`,
      { i: initiativeId, p: other.id },
      { token: owner.token },
    );
    expect(added.data?.addInitiator.initiators.map((i) => i.id).sort()).toEqual([owner.id, other.id].sort());

    const need = await t.gql<{ addExpertiseNeed: { id: string } }>(
      `mutation($i: ID!, $input: ExpertiseNeedInput!) { addExpertiseNeed(initiativeId: $i, input: $input) { id discipline { slug } level hoursPerMonth fulfilled } }`,
      { i: initiativeId, input: { discipline: 'participatie', level: 'EXPERT', hoursPerMonth: 8 } },
      { token: other.token },
    );
    expect(need.data?.addExpertiseNeed).toMatchObject({ discipline: { slug: 'participatie' }, level: 'EXPERT', hoursPerMonth: 8, fulfilled: false });
    const stranger = await registerAndSignIn(t, { email: 'stranger@example.org', name: 'Stien Vreemd' });
    const SET = `mutation($n: ID!, $f: Boolean!) { setNeedFulfilled(needId: $n, fulfilled: $f) { id fulfilled } }`;
    const denied = await t.gql(SET, { n: need.data!.addExpertiseNeed.id, f: true }, { token: stranger.token });
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const done = await t.gql(SET, { n: need.data!.addExpertiseNeed.id, f: true }, { token: owner.token });
    expect(done.data).toEqual({ setNeedFulfilled: { id: need.data!.addExpertiseNeed.id, fulfilled: true } });
  });

  it('is public to read, initiators included, without their email', async () => {
    const res = await t.gql(`query($id: ID!) { initiative(id: $id) { title initiators { name } } }`, { id: initiativeId });
    expect(res.data).toMatchObject({ initiative: { title: 'Tuinman in de Wijk Rotterdam' } });
    const email = await t.gql(`query($id: ID!) { initiative(id: $id) { initiators { email } } }`, { id: initiativeId });
    expect(email.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('initiatives: the knowledge bank', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const make = makeFixtures(t.db);
    const day = (n: number): Date => new Date(Date.UTC(2025, 0, n));
    ids.wijkdeal = await make.initiative({ title: 'Wijkdeal Transvaal', summary: 'Afspraken tussen bewoners en gemeente over hun wijken', municipalityCode: 'GM0518', status: 'RUNNING', themes: ['wijkaanpak'], needs: [{ slug: 'participatie' }], createdAt: day(1) });
    ids.menukaart = await make.initiative({ title: 'Menukaart Vlissingen', summary: 'Bewoners kiezen uit een menukaart van taken', municipalityCode: 'GM0718', status: 'COMPLETED', themes: ['bewonersbeheer'], needs: [{ slug: 'groenbeheer', fulfilled: true }], createdAt: day(2) });
    ids.tuinman = await make.initiative({ title: 'Tuinman in de Wijk', summary: 'Groenonderhoud door buurtbewoners', lessonsLearned: 'Het groen bloeit als de buurt meedoet', municipalityCode: 'GM0599', status: 'RUNNING', themes: ['groenbeheer'], createdAt: day(3) });
    ids.energie = await make.initiative({ title: 'Energiecoöperatie Middelburg', summary: 'Zonnepanelen op daken van de stad', municipalityCode: 'GM0687', status: 'IDEA', themes: ['lokale-energie'], needs: [{ slug: 'subsidies' }], createdAt: day(4) });
  });
  afterAll(() => t?.close());

  const titles = (page: { data?: Page | null }) => page.data?.initiatives.edges.map((e) => e.node.title);

  it('lists newest first with an exact totalCount', async () => {
    const res = await t.gql<Page>(LIST, {});
    expect(titles(res)).toEqual(['Energiecoöperatie Middelburg', 'Tuinman in de Wijk', 'Menukaart Vlissingen', 'Wijkdeal Transvaal']);
    expect(res.data?.initiatives.totalCount).toBe(4);
  });

  it.each([
    [{ text: 'wijk' }, ['Tuinman in de Wijk', 'Wijkdeal Transvaal']],
    [{ text: 'buurt bloeit' }, ['Tuinman in de Wijk']],
    [{ municipalityCode: 'GM0718' }, ['Menukaart Vlissingen']],
    [{ provinceCode: 'PV29' }, ['Energiecoöperatie Middelburg', 'Menukaart Vlissingen']],
    [{ themes: ['groenbeheer'] }, ['Tuinman in de Wijk']],
    [{ themes: ['openbare-ruimte-en-groen'] }, ['Tuinman in de Wijk', 'Menukaart Vlissingen']],
    [{ statuses: ['RUNNING', 'IDEA'] }, ['Energiecoöperatie Middelburg', 'Tuinman in de Wijk', 'Wijkdeal Transvaal']],
    [{ needsOpen: true }, ['Energiecoöperatie Middelburg', 'Wijkdeal Transvaal']],
    [{ needsOpen: false }, ['Tuinman in de Wijk', 'Menukaart Vlissingen']],
    [{ provinceCode: 'PV28', needsOpen: true, text: 'bewoners' }, ['Wijkdeal Transvaal']],
  ])('filters by %j', async (filter, expected) => {
    const res = await t.gql<Page>(LIST, { filter });
    expect(res.errors).toBeUndefined();
    expect(new Set(titles(res))).toEqual(new Set(expected));
    expect(res.data?.initiatives.totalCount).toBe(expected.length);
  });

  it('names unknown codes and slugs in BAD_USER_INPUT', async () => {
    expect((await t.gql(LIST, { filter: { provinceCode: 'PV99' } })).errors?.[0]).toMatchObject({ message: 'Unknown province "PV99"', extensions: { code: 'BAD_USER_INPUT' } });
    expect((await t.gql(LIST, { filter: { themes: ['nope'] } })).errors?.[0]).toMatchObject({ message: 'Unknown discipline "nope"' });
    expect((await t.gql(LIST, { first: 101 })).errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect((await t.gql(LIST, { after: 'garbage' })).errors?.[0]).toMatchObject({ message: 'Invalid cursor', extensions: { code: 'BAD_USER_INPUT' } });
    // A well-formed cursor whose key is not a timestamp (e.g. one from a text search) is refused too.
    const textCursor = Buffer.from(JSON.stringify(['Query too complex', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    expect((await t.gql(LIST, { after: textCursor })).errors?.[0]).toMatchObject({ message: 'Invalid cursor', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('pages without repeats or gaps, also when initiatives are added meanwhile', async () => {
    const first = await t.gql<Page>(LIST, { first: 2 });
    expect(first.data?.initiatives.pageInfo.hasNextPage).toBe(true);
    await makeFixtures(t.db).initiative({ title: 'Nieuw initiatief' });
    const second = await t.gql<Page>(LIST, { first: 2, after: first.data?.initiatives.pageInfo.endCursor });
    const third = await t.gql<Page>(LIST, { first: 2, after: second.data?.initiatives.pageInfo.endCursor });
    expect([...titles(first)!, ...titles(second)!, ...titles(third)!]).toEqual([
      'Energiecoöperatie Middelburg', 'Tuinman in de Wijk', 'Menukaart Vlissingen', 'Wijkdeal Transvaal',
    ]);
    expect(second.data?.initiatives.pageInfo.hasNextPage).toBe(false);
  });

  it('pages through text search results in relevance order without repeats', async () => {
    const all = await t.gql<Page>(LIST, { filter: { text: 'bewoners' }, first: 10 });
    const seen: string[] = [];
    let after: string | null | undefined = null;
    do {
      const page: { data?: Page | null } = await t.gql<Page>(LIST, { filter: { text: 'bewoners' }, first: 1, after });
      seen.push(...titles(page)!);
      after = page.data?.initiatives.pageInfo.hasNextPage ? page.data.initiatives.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(titles(all));
    expect(seen.sort()).toEqual(['Menukaart Vlissingen', 'Wijkdeal Transvaal']);
  });
});

describe('initiatives: cost of a nested page', () => {
  let t: TestApp;
  let viewer: { token: string; id: string };

  beforeAll(async () => {
    t = await startTestApp();
    viewer = await registerAndSignIn(t, { email: 'reader@example.org', name: 'Rita Lezer' });
    const make = makeFixtures(t.db);
    const people = await Promise.all([0, 1, 2, 3].map((i) => make.professional({ name: `Persoon ${i}`, municipalityCode: 'GM0363' })));
    for (let i = 0; i < 60; i++) {
      await make.initiative({
        title: `Initiatief ${i}`,
        themes: ['groenbeheer', 'participatie'],
        needs: [{ slug: 'subsidies' }, { slug: 'impactmeting', fulfilled: true }],
        initiatorIds: [people[i % 4], people[(i + 1) % 4]],
      });
    }
  });
  afterAll(() => t?.close());

  const PAGE = `query($first: Int) { initiatives(first: $first) { totalCount edges { node {
    title municipality { name province { name } }
    themes { slug name parent { slug } }
    needs { level fulfilled discipline { slug name(locale: "en") } }
    initiators { name municipality { name } offers { level discipline { slug } } seeks { slug } initiatives { title } }
  } } } }`;

  async function sqlStatementsFor(first: number, requestId: string, token?: string): Promise<number> {
    const res = await t.gql<{ initiatives: { edges: unknown[] } }>(PAGE, { first }, { token, headers: { 'x-request-id': requestId } });
    expect(res.errors).toBeUndefined();
    expect(res.data?.initiatives.edges).toHaveLength(first);
    await requestLogged(t, requestId);
    return t.logs.filter((l) => l.msg === 'sql' && l.req?.id === requestId).length;
  }

  it('gives each initiative its own initiators, though people share initiatives across the page', async () => {
    const res = await t.gql<{ initiatives: { edges: { node: { title: string; initiators: { name: string }[] } }[] } }>(
      `{ initiatives(first: 50) { edges { node { title initiators { name } } } } }`,
    );
    for (const { node } of res.data!.initiatives.edges) {
      const i = Number(node.title.replace('Initiatief ', ''));
      expect(node.initiators.map((p) => p.name).sort()).toEqual([`Persoon ${i % 4}`, `Persoon ${(i + 1) % 4}`].sort());
    }
  });

  it('costs the same constant number of SQL statements for 5 and for 50 initiatives', async () => {
    const small = await sqlStatementsFor(5, 'page-of-5');
    const large = await sqlStatementsFor(50, 'page-of-50');
    // page + count, initiators, themes, needs, then per initiator: initiatives (offers and seeks
    // are hidden from anonymous callers and not loaded).
    expect(small).toBe(6);
    expect(large).toBe(small);
    // Signed in, also offers and seeks, and perhaps one check of the session (viewer-cache.ts).
    expect([8, 9]).toContain(await sqlStatementsFor(5, 'signed-in-5', viewer.token));
    expect([8, 9]).toContain(await sqlStatementsFor(50, 'signed-in-50', viewer.token));
  });
});
