// Issue #4 over HTTP: versioned match rules and the admin preview, on the real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_MATCH_RULES } from '../src/matching/engine/default-rules.js';
import { makeFixtures } from './support/fixtures.js';
import { seedSyntheticNetwork } from './support/seed.js';
import { registerAndSignIn } from './support/sign-in.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const RULES_FIELDS = `version weights { complementarity mutuality proximity crossSector initiativeNeed availability }
  minScore maxDistanceKm maxIntroductionsPerPersonPerRun cooldownDays excludeSameOrganisation schedule timezone note createdAt
  createdBy { name }`;
const ACTIVE = `{ matchRuleSet { ${RULES_FIELDS} } }`;
const HISTORY = `{ matchRuleSetHistory { version note } }`;
const UPDATE = `mutation($input: MatchRuleSetInput!) { updateMatchRules(input: $input) { ${RULES_FIELDS} } }`;
const PREVIEW = `mutation($input: MatchRuleSetInput, $n: Int) { previewMatchRun(input: $input, sampleSize: $n) {
  stats { eligiblePeople candidatePairs proposed peopleWithIntroduction meanScore emailsQueued emailsSent }
  sample { a { name } b { name } initiative { title } score reasons { code text weight } } } }`;

interface RuleSet {
  version: number;
  weights: Record<string, number>;
  minScore: number;
  schedule: string;
  timezone: string;
  note: string | null;
  createdBy: { name: string } | null;
  [key: string]: unknown;
}
interface Preview {
  previewMatchRun: {
    stats: { eligiblePeople: number; candidatePairs: number; proposed: number; peopleWithIntroduction: number; meanScore: number; emailsQueued: number; emailsSent: number };
    sample: { a: { name: string }; b: { name: string }; initiative: { title: string } | null; score: number; reasons: { code: string; text: string; weight: number }[] }[];
  };
}

describe('match rules and preview (admin)', () => {
  let t: TestApp;
  let admin: { token: string; id: string };
  let user: { token: string; id: string };
  let anna: string;
  let bob: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerAndSignIn(t, { email: 'admin@example.org', name: 'Ada Admin' });
    user = await registerAndSignIn(t, { email: 'user@example.org', name: 'Uma User' });
    const make = makeFixtures(t.db);
    anna = await make.professional({ name: 'Anna', municipalityCode: 'GM0718', sector: 'GOVERNMENT', offers: { participatie: 'EXPERT' }, seeks: ['subsidies'] });
    bob = await make.professional({ name: 'Bob', municipalityCode: 'GM0718', sector: 'BUSINESS', offers: { subsidies: 'EXPERIENCED' }, seeks: ['participatie'] });
    // Would fit Anna as well as Bob does, but is not eligible: never signed in, opted out, paused.
    await make.professional({ name: 'Carla', municipalityCode: 'GM0718', signedIn: false, offers: { subsidies: 'EXPERT' }, seeks: ['participatie'] });
    await make.professional({ name: 'Dirk', municipalityCode: 'GM0718', optedIn: false, offers: { subsidies: 'EXPERT' }, seeks: ['participatie'] });
    await make.professional({ name: 'Eva', municipalityCode: 'GM0718', frequency: 'PAUSED', offers: { subsidies: 'EXPERT' }, seeks: ['participatie'] });
  });
  afterAll(() => t?.close());

  const code = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

  it('is for admins only', async () => {
    for (const [query, variables] of [
      [ACTIVE, {}],
      [HISTORY, {}],
      [UPDATE, { input: { minScore: 0.5 } }],
      [PREVIEW, {}],
    ] as const) {
      expect(code(await t.gql(query, variables))).toBe('UNAUTHENTICATED');
      expect(code(await t.gql(query, variables, { token: user.token }))).toBe('FORBIDDEN');
    }
  });

  it('starts with the default rules from the first migration', async () => {
    const res = await t.gql<{ matchRuleSet: RuleSet }>(ACTIVE, {}, { token: admin.token });
    expect(res.errors).toBeUndefined();
    // The migration's values are the engine's documented defaults (what bench:matching runs).
    expect(res.data!.matchRuleSet).toMatchObject({
      version: 1,
      ...DEFAULT_MATCH_RULES,
      schedule: '0 8 * * 1',
      timezone: 'Europe/Amsterdam',
      createdBy: null,
    });
  });

  it('previews who would meet, with reasons, only among eligible people', async () => {
    const res = await t.gql<Preview>(PREVIEW, { n: 10 }, { token: admin.token });
    expect(res.errors).toBeUndefined();
    const { stats, sample } = res.data!.previewMatchRun;
    // Eligible: Ada, Uma (signed in, offer nothing), Anna and Bob.
    expect(stats).toMatchObject({ eligiblePeople: 4, proposed: 1, peopleWithIntroduction: 2, emailsQueued: 0, emailsSent: 0 });
    expect(sample).toHaveLength(1);
    const [pair] = sample;
    expect([pair.a.name, pair.b.name].sort()).toEqual(['Anna', 'Bob']);
    expect(pair.score).toBeGreaterThan(0.3);
    expect(pair.score).toBeLessThanOrEqual(1);
    expect(pair.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['OFFERS_WHAT_YOU_SEEK', 'MUTUAL']));
    // The admin reads Dutch (the default locale); a's reasons and the shared ones add up to the score.
    expect(pair.reasons.find((r) => r.code === 'OFFERS_WHAT_YOU_SEEK')!.text).toMatch(/biedt .*wat jij zoekt/);
    expect(pair.reasons.reduce((sum, r) => sum + r.weight, 0)).toBeCloseTo(pair.score, 6);
  });

  it('overlays the input on the active rules without storing them', async () => {
    const strict = await t.gql<Preview>(PREVIEW, { input: { minScore: 1 } }, { token: admin.token });
    expect(strict.data!.previewMatchRun.stats).toMatchObject({ eligiblePeople: 4, candidatePairs: 0, proposed: 0 });
    expect(strict.data!.previewMatchRun.sample).toEqual([]);
    expect((await t.gql<{ matchRuleSet: RuleSet }>(ACTIVE, {}, { token: admin.token })).data!.matchRuleSet.version).toBe(1);
  });

  it('never proposes a pair again once either declined', async () => {
    const run = '00000000-0000-4000-8000-0000000000aa';
    const [a, b] = [anna, bob].sort();
    await t.db.query(`INSERT INTO match_run (id, status, dry_run, rule_set_version, created_at) VALUES ($1, 'COMPLETED', false, 1, now() - interval '200 days')`, [run]);
    await t.db.query(
      `INSERT INTO introduction (id, run_id, kind, a_id, b_id, score, reasons, status, created_at)
       VALUES (gen_random_uuid(), $1, 'PEER', $2, $3, 0.8, '[]', 'DECLINED', now() - interval '200 days')`,
      [run, a, b],
    );
    try {
      const res = await t.gql<Preview>(PREVIEW, {}, { token: admin.token });
      expect(res.data!.previewMatchRun.stats).toMatchObject({ eligiblePeople: 4, proposed: 0 });
    } finally {
      await t.db.query(`DELETE FROM match_run WHERE id = $1`, [run]);
    }
  });

  it('rejects invalid rules with a message naming the value, and stores nothing', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ weights: { complementarity: 11 } }, 'weights.complementarity', /must not be greater than 10/],
      [{ weights: { proximity: -0.5 } }, 'weights.proximity', /must not be less than 0/],
      [{ minScore: 1.5 }, 'minScore', /must not be greater than 1/],
      [{ schedule: 'every monday' }, 'schedule', /schedule "every monday" is not a valid cron pattern/],
      [{ schedule: '* * * * * *' }, 'schedule', /fires more than once a minute/],
      [{ timezone: 'Mars/Olympus_Mons' }, 'timezone', /timezone "Mars\/Olympus_Mons" is not an IANA time zone/],
      [{ weights: { complementarity: 0, mutuality: 0, proximity: 0, crossSector: 0, initiativeNeed: 0, availability: 0 } }, 'weights', /At least one weight/],
    ];
    for (const [input, field, message] of cases) {
      for (const mutation of [UPDATE, PREVIEW]) {
        const res = await t.gql(mutation, { input }, { token: admin.token });
        // The preview's input is one argument of several: its fields are named from `input`.
        expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: mutation === UPDATE ? field : `input.${field}` } });
        expect(res.errors![0].message).toMatch(message);
      }
    }
    expect(code(await t.gql(PREVIEW, { n: 101 }, { token: admin.token }))).toBe('BAD_USER_INPUT');
    expect((await t.gql<{ matchRuleSetHistory: unknown[] }>(HISTORY, {}, { token: admin.token })).data!.matchRuleSetHistory).toHaveLength(1);
  });

  it('stores every update as a new immutable version; the newest is active', async () => {
    const first = await t.gql<{ updateMatchRules: RuleSet }>(
      UPDATE,
      { input: { minScore: 0.45, weights: { proximity: 4 }, schedule: '30 7 * * 2', timezone: 'UTC', note: '  Meer nabijheid  ' } },
      { token: admin.token },
    );
    expect(first.errors).toBeUndefined();
    expect(first.data!.updateMatchRules).toMatchObject({
      version: 2,
      minScore: 0.45,
      weights: { complementarity: 3, proximity: 4 },
      schedule: '30 7 * * 2',
      timezone: 'UTC',
      note: 'Meer nabijheid',
      createdBy: { name: 'Ada Admin' },
    });
    const second = await t.gql<{ updateMatchRules: RuleSet }>(UPDATE, { input: { cooldownDays: 30 } }, { token: admin.token });
    // Everything else carries over from version 2; the note belongs to one version only.
    expect(second.data!.updateMatchRules).toMatchObject({ version: 3, minScore: 0.45, weights: { proximity: 4 }, cooldownDays: 30, timezone: 'UTC', note: null });

    expect((await t.gql<{ matchRuleSet: RuleSet }>(ACTIVE, {}, { token: admin.token })).data!.matchRuleSet).toMatchObject({ version: 3, cooldownDays: 30 });
    expect((await t.gql(HISTORY, {}, { token: admin.token })).data).toEqual({
      matchRuleSetHistory: [
        { version: 3, note: null },
        { version: 2, note: 'Meer nabijheid' },
        { version: 1, note: 'Default rules' },
      ],
    });
    await expect(t.db.query(`UPDATE match_rule_set SET min_score = 0.9 WHERE version = 2`)).rejects.toThrow(/immutable/);
    await expect(t.db.query(`DELETE FROM match_rule_set WHERE version = 1`)).rejects.toThrow(/immutable/);
  });

  it('two concurrent updates get two versions', async () => {
    const [x, y] = await Promise.all([
      t.gql<{ updateMatchRules: RuleSet }>(UPDATE, { input: { note: 'x' } }, { token: admin.token }),
      t.gql<{ updateMatchRules: RuleSet }>(UPDATE, { input: { note: 'y' } }, { token: admin.token }),
    ]);
    expect([x.data!.updateMatchRules.version, y.data!.updateMatchRules.version].sort()).toEqual([4, 5]);
  });

  describe('on a seeded network', () => {
    beforeAll(() => seedSyntheticNetwork(t.env.DATABASE_URL, { professionals: 400, initiatives: 40, seed: 3 }));

    /** A digest of every row of every table: equal before and after means nothing was written. */
    async function fingerprint(): Promise<Record<string, string>> {
      const tables: { tablename: string }[] = (await t.db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).rows;
      const out: Record<string, string> = {};
      for (const { tablename } of tables) {
        const { rows } = await t.db.query(`SELECT count(*) AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${tablename}" x`);
        out[tablename] = `${rows[0].n}:${rows[0].h}`;
      }
      return out;
    }

    it('returns stats and the best proposals with reasons, and leaves every table unchanged', async () => {
      const before = await fingerprint();
      const mails = t.mailbox.messages.length;
      const res = await t.gql<Preview>(PREVIEW, { n: 25 }, { token: admin.token });
      expect(res.errors).toBeUndefined();
      const { stats, sample } = res.data!.previewMatchRun;
      expect(stats.eligiblePeople).toBeGreaterThan(300);
      expect(stats.proposed).toBeGreaterThan(50);
      expect(stats.candidatePairs).toBeGreaterThanOrEqual(stats.proposed);
      expect(stats.peopleWithIntroduction).toBeGreaterThan(stats.proposed / 3);
      expect(stats.meanScore).toBeGreaterThanOrEqual(0.45);
      expect(sample).toHaveLength(25);
      const scores = sample.map((p) => p.score);
      expect(scores).toEqual([...scores].sort((x, y) => y - x));
      for (const pair of sample) {
        expect(pair.reasons.length).toBeGreaterThan(0);
        expect(pair.reasons.every((r) => r.code && r.text && r.weight >= 0)).toBe(true);
        expect(pair.reasons.reduce((sum, r) => sum + r.weight, 0)).toBeCloseTo(pair.score, 6);
      }
      expect(await fingerprint()).toEqual(before);
      expect(t.mailbox.messages.length).toBe(mails);
    });
  });
});
