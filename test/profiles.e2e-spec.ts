import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeFixtures } from './support/fixtures.js';
import { registerAndSignIn } from './support/sign-in.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const UPDATE_PROFILE = `mutation($input: ProfileInput!) { updateProfile(input: $input) {
  id name headline bio organisation sector scope availableHoursPerMonth municipality { code } } }`;
const SET_EXPERTISE = `mutation($offers: [ExpertiseInput!]!, $seeks: [String!]!) { setExpertise(offers: $offers, seeks: $seeks) {
  offers { level discipline { slug } } seeks { slug } } }`;
const PREFERENCES = `mutation($input: PreferencesInput!) { updatePreferences(input: $input) { optedIn frequency maxIntroductionsPerDigest locale } }`;

describe('profiles, preferences and privacy', () => {
  let t: TestApp;
  let anna: { token: string; id: string };
  let bram: { token: string; id: string };

  beforeAll(async () => {
    t = await startTestApp();
    anna = await registerAndSignIn(t, { email: 'anna@example.org', name: 'Anna Bakker', sector: 'GOVERNMENT' });
    bram = await registerAndSignIn(t, { email: 'bram@example.org', name: 'Bram Visser', sector: 'BUSINESS' });
  });
  afterAll(() => t?.close());

  it('updates only the given profile fields', async () => {
    const res = await t.gql(UPDATE_PROFILE, {
      input: { headline: 'Beleidsadviseur participatie', organisation: 'Gemeente Utrecht', municipalityCode: 'GM0344', scope: 'PROVINCE', availableHoursPerMonth: 8 },
    }, { token: anna.token });
    expect(res.data).toEqual({
      updateProfile: {
        id: anna.id, name: 'Anna Bakker', headline: 'Beleidsadviseur participatie', bio: null, organisation: 'Gemeente Utrecht',
        sector: 'GOVERNMENT', scope: 'PROVINCE', availableHoursPerMonth: 8, municipality: { code: 'GM0344' },
      },
    });
    const cleared = await t.gql(UPDATE_PROFILE, { input: { headline: null } }, { token: anna.token });
    expect(cleared.data).toMatchObject({ updateProfile: { headline: null, organisation: 'Gemeente Utrecht' } });
  });

  it('rejects invalid profile values with BAD_USER_INPUT naming the field', async () => {
    const cases = [
      { input: { name: null }, message: /name/ },
      { input: { name: '   ' }, message: /name/ },
      { input: { availableHoursPerMonth: 500 }, message: /availableHoursPerMonth/ },
      { input: { bio: 'x'.repeat(5001) }, message: /bio/ },
      { input: { municipalityCode: 'GM0000' }, message: /GM0000/ },
    ];
    for (const { input, message } of cases) {
      const res = await t.gql(UPDATE_PROFILE, { input }, { token: anna.token });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(message);
    }
    expect((await t.gql(UPDATE_PROFILE, { input: { name: 'X Y' } })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('replaces offers and seeks, and names an unknown slug', async () => {
    const res = await t.gql(SET_EXPERTISE, {
      offers: [{ discipline: 'participatie', level: 'EXPERT' }, { discipline: 'omgevingswet', level: 'EXPERIENCED' }],
      seeks: ['subsidies', 'impactmeting'],
    }, { token: anna.token });
    expect(res.data).toEqual({
      setExpertise: {
        offers: [{ level: 'EXPERT', discipline: { slug: 'participatie' } }, { level: 'EXPERIENCED', discipline: { slug: 'omgevingswet' } }],
        seeks: [{ slug: 'subsidies' }, { slug: 'impactmeting' }],
      },
    });
    const replaced = await t.gql(SET_EXPERTISE, { offers: [{ discipline: 'groenbeheer', level: 'BASIC' }], seeks: [] }, { token: anna.token });
    expect(replaced.data).toEqual({ setExpertise: { offers: [{ level: 'BASIC', discipline: { slug: 'groenbeheer' } }], seeks: [] } });
    const unknown = await t.gql(SET_EXPERTISE, { offers: [], seeks: ['onbekend'] }, { token: anna.token });
    expect(unknown.errors?.[0]).toMatchObject({ message: 'Unknown discipline "onbekend"', extensions: { code: 'BAD_USER_INPUT', value: 'onbekend' } });
  });

  it('updates matching preferences with limits', async () => {
    const res = await t.gql(PREFERENCES, { input: { frequency: 'MONTHLY', maxIntroductionsPerDigest: 5, locale: 'en' } }, { token: anna.token });
    expect(res.data).toEqual({ updatePreferences: { optedIn: true, frequency: 'MONTHLY', maxIntroductionsPerDigest: 5, locale: 'en' } });
    const bad = await t.gql(PREFERENCES, { input: { locale: 'fr' } }, { token: anna.token });
    expect(bad.errors?.[0]).toMatchObject({ message: 'locale "fr" is not one of nl, en', extensions: { code: 'BAD_USER_INPUT' } });
    const tooMany = await t.gql(PREFERENCES, { input: { maxIntroductionsPerDigest: 11 } }, { token: anna.token });
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('shows a signed-in person the public profile of another, never an email', async () => {
    const res = await t.gql(`query($id: ID!) { professional(id: $id) { name sector offers { discipline { slug } } } }`, { id: anna.id }, { token: bram.token });
    expect(res.data).toEqual({ professional: { name: 'Anna Bakker', sector: 'GOVERNMENT', offers: [{ discipline: { slug: 'groenbeheer' } }] } });
    expect(JSON.stringify(res)).not.toContain('anna@example.org');
    const email = await t.gql(`query($id: ID!) { professional(id: $id) { email } }`, { id: anna.id }, { token: bram.token });
    expect(email.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await t.gql(`{ professional(id: "nope") { name } }`, {}, { token: bram.token })).data).toEqual({ professional: null });
  });

  it('exports all of the caller\'s data as JSON', async () => {
    const initiative = await makeFixtures(t.db).initiative({ title: 'Annas buurttuin', initiatorIds: [anna.id] });
    const res = await t.gql<{ exportMyData: string }>(`mutation { exportMyData }`, {}, { token: anna.token });
    const data = JSON.parse(res.data!.exportMyData) as Record<string, unknown>;
    expect(data).toMatchObject({
      account: { email: 'anna@example.org', locale: 'en', digest_frequency: 'MONTHLY' },
      profile: { name: 'Anna Bakker', organisation: 'Gemeente Utrecht' },
      offers: [{ discipline: 'groenbeheer', level: 'BASIC' }],
      seeks: [],
      initiatives: [{ id: initiative, title: 'Annas buurttuin' }],
    });
    expect((data.signInLinks as unknown[]).length).toBe(1);
    expect(JSON.stringify(data)).not.toContain('token_hash');
  });
});

describe('deleting an account', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('erases the person and initiatives only they own, keeping shared ones without them', async () => {
    const carla = await registerAndSignIn(t, { email: 'carla@example.org', name: 'Carla Smit' });
    const dirk = await registerAndSignIn(t, { email: 'dirk@example.org', name: 'Dirk Jansen' });
    const make = makeFixtures(t.db);
    const own = await make.initiative({ title: 'Alleen van Carla', initiatorIds: [carla.id], needs: [{ slug: 'subsidies' }] });
    const shared = await make.initiative({ title: 'Samen met Dirk', initiatorIds: [carla.id, dirk.id] });

    const res = await t.gql(`mutation { deleteMyAccount }`, {}, { token: carla.token });
    expect(res.data).toEqual({ deleteMyAccount: true });

    const count = async (sql: string, params: unknown[]): Promise<number> => Number((await t.db.query(sql, params)).rows[0].n);
    expect(await count(`SELECT count(*) AS n FROM account WHERE id = $1`, [carla.id])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM professional WHERE id = $1`, [carla.id])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM sign_in_token WHERE account_id = $1`, [carla.id])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM initiative WHERE id = $1`, [own])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM expertise_need WHERE initiative_id = $1`, [own])).toBe(0);
    const initiators = await t.db.query(`SELECT professional_id FROM initiative_initiator WHERE initiative_id = $1`, [shared]);
    expect(initiators.rows).toEqual([{ professional_id: dirk.id }]);

    // The old session no longer works and nothing of Carla is visible.
    expect((await t.gql(`{ me { email } }`, {}, { token: carla.token })).data).toEqual({ me: null });
    expect((await t.gql(`query($id: ID!) { professional(id: $id) { name } }`, { id: carla.id }, { token: dirk.token })).data).toEqual({ professional: null });
  });
});
