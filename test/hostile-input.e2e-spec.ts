// Probes from outside (issue #11, items 1, 2, 3, 7 and 9): malformed and hostile requests end
// in a clear GraphQL error, never HTTP 500 and never an internal message, and change nothing;
// anonymous callers see no profile detail of a person on any path.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { databaseFingerprint } from './support/db-fingerprint.js';
import { drain, requestLogged } from './support/drain.js';
import { makeFixtures } from './support/fixtures.js';
import { registerAndSignIn, tokenFromEmail } from './support/sign-in.js';
import { type GraphQLResponse, startTestApp, type TestApp } from './support/test-app.js';

type Reply = { status: number; body: GraphQLResponse };

/** Text that betrays the implementation: a JavaScript error, SQL or PostgreSQL's words, a stack. */
const INTERNAL = [
  /Cannot read properties/i,
  /\b(TypeError|ReferenceError|RangeError|QueryFailedError|DatabaseError)\b/,
  /\b(SELECT|INSERT INTO|DELETE FROM|UPDATE \w+ SET|websearch_to_tsquery|ts_rank)\b/,
  /relation "|column "|violates|invalid byte sequence|stack depth|out of range for type|syntax error at or near|invalid input syntax/i,
  /\n\s+at |node_modules|\.[jt]s:\d+|stacktrace/i,
];

function expectNoInternals(body: unknown): void {
  const text = JSON.stringify(body);
  for (const pattern of INTERNAL) expect(text).not.toMatch(pattern);
}

function expectRejected(reply: Reply, status: number, code: string): void {
  expect({ status: reply.status, code: reply.body.errors?.[0]?.extensions?.code }).toEqual({ status, code });
  expectNoInternals(reply.body);
}

const UUID = '00000000-0000-4000-8000-000000000001';
const cursorOf = (json: string): string => Buffer.from(json).toString('base64url');
const aliases = (n: number, field: string): string => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe('hostile input', () => {
  let t: TestApp;
  let user: { token: string; id: string };
  let admin: { token: string; id: string };
  let initiativeId: string;
  let initiatorId: string;

  beforeAll(async () => {
    t = await startTestApp();
    user = await registerAndSignIn(t, { email: 'probe@example.org', name: 'Probe Person', municipalityCode: 'GM0363' });
    admin = await registerAndSignIn(t, { email: 'admin@example.org', name: 'Admin Person' });
    const make = makeFixtures(t.db);
    initiatorId = await make.professional({
      name: 'Pia Initiatief',
      headline: 'Kartrekker van de buurtkeuken',
      organisation: 'Buurtkeuken Oost',
      sector: 'CITIZEN',
      municipalityCode: 'GM0363',
      scope: 'PROVINCE',
      bio: 'Woont sinds 2004 in Oost, bereikbaar via de buurtkeuken.',
      hours: 12,
      offers: { participatie: 'EXPERT' },
      seeks: ['subsidies'],
    });
    initiativeId = await make.initiative({ title: 'Buurtkeuken Oost', summary: 'Samen koken in de wijk', themes: ['participatie'], initiatorIds: [initiatorId] });
  });
  afterAll(() => t?.close());

  /** Sends a request three times (graphql-js, then the compiled path) and returns the answers. */
  async function thrice(body: unknown, options: { token?: string; headers?: Record<string, string> } = {}): Promise<Reply[]> {
    const replies: Reply[] = [];
    for (let i = 0; i < 3; i++) replies.push(await t.post(body, options));
    return replies;
  }

  /** The SQL statements the app logged for one request id. */
  async function sqlOf(requestId: string): Promise<number> {
    await requestLogged(t, requestId);
    return t.logs.filter((l) => l.msg === 'sql' && l.req?.id === requestId).length;
  }

  describe('malformed requests are HTTP 400 with a standard code', () => {
    it.each<[string, unknown, number, string]>([
      ['a syntax error', { query: '{ initiatives { totalCount ' }, 400, 'GRAPHQL_PARSE_FAILED'],
      ['a NUL outside any string of the document', { query: '{ __typename }\u0000' }, 400, 'GRAPHQL_PARSE_FAILED'],
      ['500 aliases (over the token limit)', { query: aliases(500, 'initiatives { totalCount }') }, 400, 'QUERY_TOO_COMPLEX'],
      ['1,000 aliases of __typename (over the token limit)', { query: aliases(1000, '__typename') }, 400, 'QUERY_TOO_COMPLEX'],
      ['an operationName the document lacks', { query: 'query A { __typename }', operationName: 'B' }, 400, 'OPERATION_RESOLUTION_FAILURE'],
      ['two operations and no operationName', { query: 'query A { __typename } query B { provinces { code } }' }, 400, 'OPERATION_RESOLUTION_FAILURE'],
      ['a mutation beside a query and no operationName', { query: 'mutation A { requestSignInLink(email: "x@example.org") } query B { __typename }' }, 400, 'OPERATION_RESOLUTION_FAILURE'],
      ['a body that is a JSON array', [{ query: '{ __typename }' }], 400, 'BAD_REQUEST'],
      ['a body that is a JSON number', '5', 400, 'BAD_REQUEST'],
      ['a body that is not JSON', 'query { __typename }', 400, 'BAD_REQUEST'],
      ['a query that is not a string', { query: 5 }, 400, 'BAD_REQUEST'],
      ['no query at all', { variables: {} }, 400, 'BAD_REQUEST'],
      ['variables that are not an object', { query: '{ __typename }', variables: [1] }, 400, 'BAD_REQUEST'],
      ['a variable of the wrong type', { query: 'query($n: Int) { initiatives(first: $n) { totalCount } }', variables: { n: 'many' } }, 400, 'BAD_USER_INPUT'],
      ['a variable of a misspelt enum value', { query: 'query($s: [InitiativeStatus!]) { initiatives(filter: { statuses: $s }) { totalCount } }', variables: { s: ['RUNNIN'] } }, 400, 'BAD_USER_INPUT'],
      [
        'a variable nested 100,000 lists deep',
        `{"query":"query($s: String) { municipalities(search: $s) { code } }","variables":{"s":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`,
        400,
        'BAD_USER_INPUT',
      ],
      ['a body over the 1 MB limit', { query: '{ __typename }', variables: { big: 'x'.repeat(1_100_000) } }, 413, 'BAD_REQUEST'],
    ])('%s', async (_, body, status, code) => {
      const before = await databaseFingerprint(t.db);
      for (const reply of await thrice(body)) expectRejected(reply, status, code);
      expect(await databaseFingerprint(t.db)).toEqual(before);
    });

    it('answers GET requests with 400 or 405, and never runs a mutation from one', async () => {
      const before = await databaseFingerprint(t.db);
      const get = async (query: string, headers: Record<string, string> = {}): Promise<Reply> => {
        const res = await fetch(`${t.url}/graphql?query=${encodeURIComponent(query)}`, { headers });
        return { status: res.status, body: (await res.json()) as GraphQLResponse };
      };
      // A GET without a preflight header is what a cross-site form could send (CSRF).
      expectRejected(await get('{ __typename }'), 400, 'BAD_REQUEST');
      expectRejected(await get('{ initiatives { totalCount ', { 'apollo-require-preflight': '1' }), 400, 'GRAPHQL_PARSE_FAILED');
      expectRejected(await get('mutation { requestSignInLink(email: "probe@example.org") }', { 'apollo-require-preflight': '1' }), 405, 'BAD_REQUEST');
      expect(await get('{ __typename }', { 'apollo-require-preflight': '1' })).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
      expect(await databaseFingerprint(t.db)).toEqual(before);
    });
  });

  describe('the knowledge bank filter is validated, and bounds the work an anonymous request causes', () => {
    const INITIATIVES = 'query($f: InitiativeFilter) { initiatives(filter: $f) { totalCount } }';

    it.each<[string, Record<string, unknown>, string]>([
      ['a 200 kB text', { text: 'wijk '.repeat(40_000) }, 'filter.text'],
      ['85,000 words joined by "or"', { text: Array.from({ length: 85_000 }, (_, i) => `w${i}`).join(' or ') }, 'filter.text'],
      ['21 words', { text: Array.from({ length: 21 }, (_, i) => `woord${i}`).join(' ') }, 'filter.text'],
      ['20,000 themes', { themes: Array.from({ length: 20_000 }, () => 'participatie') }, 'filter.themes'],
      ['a status given six times', { statuses: Array.from({ length: 6 }, () => 'RUNNING') }, 'filter.statuses'],
      ['a province code that is none', { provinceCode: 'x'.repeat(10_000) }, 'filter.provinceCode'],
    ])('refuses %s with BAD_USER_INPUT before any SQL', async (name, filter, field) => {
      const requestId = `filter-${name.replace(/\W+/g, '-')}`;
      const reply = await t.post({ query: INITIATIVES, variables: { f: filter } }, { headers: { 'x-request-id': requestId } });
      expectRejected(reply, 200, 'BAD_USER_INPUT');
      expect(reply.body.errors?.[0].extensions?.field).toBe(field);
      expect(await sqlOf(requestId)).toBe(0);
    });

    it('still answers a search of 20 words, operators included', async () => {
      const text = 'buurtkeuken or koken -vergadering "samen koken" wijk oost west noord zuid centrum markt plein school tuin park straat huis dorp';
      const reply = await t.post({ query: INITIATIVES, variables: { f: { text } } });
      expect(reply).toEqual({ status: 200, body: { data: { initiatives: { totalCount: 1 } } } });
    });

    it('refuses a 21-word expert search too', async () => {
      const query = 'query($t: String) { searchExperts(input: { disciplines: ["participatie"], text: $t }) { totalCount } }';
      const reply = await t.post({ query, variables: { t: Array.from({ length: 21 }, (_, i) => `woord${i}`).join(' ') } }, { token: user.token });
      expectRejected(reply, 200, 'BAD_USER_INPUT');
    });

    it('answers a municipality search of 200 kB with nothing, without SQL', async () => {
      const reply = await t.post(
        { query: 'query($s: String) { municipalities(search: $s) { code } }', variables: { s: 'den haag '.repeat(20_000) } },
        { headers: { 'x-request-id': 'long-municipality-search' } },
      );
      expect(reply).toEqual({ status: 200, body: { data: { municipalities: [] } } });
      expect(await sqlOf('long-municipality-search')).toBe(0);
    });
  });

  describe('control characters in any text input are BAD_USER_INPUT, before any resolver runs', () => {
    it.each<[string, string, Record<string, unknown>, 'anonymous' | 'user' | 'admin']>([
      ['a NUL in a filter literal', '{ initiatives(filter: { text: "wijk\\u0000" }) { totalCount } }', {}, 'anonymous'],
      ['a NUL in a filter variable', 'query($f: InitiativeFilter) { initiatives(filter: $f) { totalCount } }', { f: { text: 'wijk\u0000' } }, 'anonymous'],
      ['a NUL in a theme', 'query($f: InitiativeFilter) { initiatives(filter: $f) { totalCount } }', { f: { themes: ['participatie\u0000'] } }, 'anonymous'],
      ['a NUL in a municipality search', 'query($s: String) { municipalities(search: $s) { code } }', { s: 'den\u0000haag' }, 'anonymous'],
      ['a NUL in an id', 'query($id: ID!) { initiative(id: $id) { title } }', { id: `${UUID}\u0000` }, 'anonymous'],
      ['a NUL in a cursor', 'query($a: String) { initiatives(after: $a) { totalCount } }', { a: '\u0000' }, 'anonymous'],
      ['an escape character in a field argument', '{ disciplines { name(locale: "nl\\u001b[31m") } }', {}, 'anonymous'],
      ['a NUL in an expert search', 'query($t: String) { searchExperts(input: { disciplines: ["participatie"], text: $t }) { totalCount } }', { t: 'wijk\u0000' }, 'user'],
      ['a NUL in a registration', 'mutation($i: RegisterInput!) { register(input: $i) }', { i: { email: 'nul@example.org', name: 'Nul\u0000Person', sector: 'CITIZEN' } }, 'anonymous'],
      ['a NUL in an email address', 'mutation($e: String!) { requestSignInLink(email: $e) }', { e: 'probe\u0000@example.org' }, 'anonymous'],
      ['a NUL in a sign-in token', 'mutation($t: String!) { signIn(token: $t) { token } }', { t: 'abc\u0000' }, 'anonymous'],
      ['a NUL in a bio', 'mutation($i: ProfileInput!) { updateProfile(input: $i) { bio } }', { i: { bio: 'Hallo\u0000' } }, 'user'],
      ['a DEL in a name', 'mutation($i: ProfileInput!) { updateProfile(input: $i) { name } }', { i: { name: 'Probe\u007f' } }, 'user'],
      [
        'a NUL in an initiative',
        'mutation($i: InitiativeInput!) { createInitiative(input: $i) { id } }',
        { i: { title: 'Buurt\u0000tuin', summary: 'Een tuin voor iedereen', municipalityCode: 'GM0363' } },
        'user',
      ],
      ['a NUL in a sought discipline', 'mutation($s: [String!]!) { setExpertise(offers: [], seeks: $s) { id } }', { s: ['subsidies\u0000'] }, 'user'],
      ['a NUL in a rating comment', 'mutation($id: ID!) { rateIntroduction(id: $id, useful: true, comment: "goed\\u0000") { id } }', { id: UUID }, 'user'],
      ['a NUL in a rule note', 'mutation($i: MatchRuleSetInput!) { updateMatchRules(input: $i) { version } }', { i: { note: 'probe\u0000' } }, 'admin'],
    ])('%s', async (_, query, variables, who) => {
      const token = who === 'user' ? user.token : who === 'admin' ? admin.token : undefined;
      const mails = t.mailbox.messages.length;
      const before = await databaseFingerprint(t.db);
      for (const reply of await thrice({ query, variables }, { token })) {
        expectRejected(reply, 400, 'BAD_USER_INPUT');
        expect(reply.body.errors?.[0].message).toMatch(/must not contain control characters$/);
      }
      expect(await databaseFingerprint(t.db)).toEqual(before);
      await drain(t);
      expect(t.mailbox.messages.length).toBe(mails);
    });

    it('keeps line breaks and tabs, which texts do use', async () => {
      const reply = await t.post({ query: 'mutation($i: ProfileInput!) { updateProfile(input: $i) { bio } }', variables: { i: { bio: 'Regel een\r\nRegel\ttwee' } } }, { token: user.token });
      expect(reply).toEqual({ status: 200, body: { data: { updateProfile: { bio: 'Regel een\r\nRegel\ttwee' } } } });
    });
  });

  describe('cursors that decode but are not real keys are BAD_USER_INPUT', () => {
    const lists: [string, string, 'anonymous' | 'user' | 'admin'][] = [
      ['initiatives', 'query($a: String) { initiatives(after: $a) { totalCount } }', 'anonymous'],
      ['myIntroductions', 'query($a: String) { myIntroductions(after: $a) { totalCount } }', 'user'],
      ['matchRuns', 'query($a: String) { matchRuns(after: $a) { totalCount } }', 'admin'],
      ['failedEmails', 'query($a: String) { failedEmails(after: $a) { totalCount } }', 'admin'],
    ];
    const timeCursors = [`["2020-13-45 99:99:99+00","${UUID}"]`, `["1e999","${UUID}"]`, `["1","${UUID}"]`, `["2023-02-29T10:00:00Z","${UUID}"]`, `["2026-01-01T00:00:00Z","not-a-uuid"]`];
    const cases = [
      ...lists.flatMap(([list, query, who]) => timeCursors.map((cursor) => [list, cursor, query, who] as const)),
      ...[`["1e999","${UUID}"]`, `["1e-50","${UUID}"]`, `["2020-13-45 99:99:99+00","${UUID}"]`].map(
        (cursor) => ['initiatives by relevance', cursor, 'query($a: String) { initiatives(filter: { text: "buurtkeuken" }, after: $a) { totalCount } }', 'anonymous'] as const,
      ),
      ['searchExperts', `[1e999,"${UUID}"]`, 'query($a: String) { searchExperts(input: { disciplines: ["participatie"] }, after: $a) { totalCount } }', 'user'] as const,
    ];

    it.each(cases)('%s after %s', async (_, cursor, query, who) => {
      const token = who === 'user' ? user.token : who === 'admin' ? admin.token : undefined;
      for (const reply of await thrice({ query, variables: { a: cursorOf(cursor) } }, { token })) {
        expectRejected(reply, 200, 'BAD_USER_INPUT');
        expect(reply.body.errors?.[0]).toMatchObject({ message: 'Invalid cursor', extensions: { field: 'after' } });
      }
    });

    it('still takes the cursors the lists hand out', async () => {
      const query = 'query($a: String) { initiatives(first: 1, after: $a) { edges { cursor } } }';
      const first = await t.gql<{ initiatives: { edges: { cursor: string }[] } }>(query, { a: null });
      const next = await t.post({ query, variables: { a: first.data!.initiatives.edges[0].cursor } });
      expect(next.status).toBe(200);
      expect(next.body.errors).toBeUndefined();
    });
  });

  describe('what anonymous callers see of a person', () => {
    /** Anonymous callers see who it is; everything else about a person needs a sign-in. */
    const VISIBLE_TO_ANONYMOUS = ['id', 'name', 'headline', 'organisation', 'sector', 'scope', 'municipality', 'initiatives'];
    let fields: string[];
    let selection: string;

    beforeAll(async () => {
      // Every field the served schema has, so a field added later is probed too.
      type TypeRef = { kind: string; ofType: TypeRef | null };
      const res = await t.gql<{ __type: { fields: { name: string; type: TypeRef }[] } }>(
        `{ __type(name: "Professional") { fields { name type { kind ofType { kind ofType { kind ofType { kind ofType { kind } } } } } } } }`,
      );
      const isObject = (type: TypeRef): boolean => type.kind === 'OBJECT' || (type.ofType !== null && isObject(type.ofType));
      fields = res.data!.__type.fields.map((f) => f.name);
      selection = res.data!.__type.fields.map((f) => (isObject(f.type) ? `${f.name} { __typename }` : f.name)).join(' ');
      expect(fields).toEqual(expect.arrayContaining(['bio', 'availableHoursPerMonth', 'offers', 'seeks', ...VISIBLE_TO_ANONYMOUS]));
    });

    const paths: [string, (sel: string) => string, (data: unknown) => Record<string, unknown>][] = [
      ['initiatives', (sel) => `{ initiatives { edges { node { initiators { ${sel} } } } } }`, (d) => (d as { initiatives: { edges: { node: { initiators: Record<string, unknown>[] } }[] } }).initiatives.edges[0].node.initiators[0]],
      ['initiative(id)', (sel) => `query($id: ID!) { initiative(id: $id) { initiators { ${sel} } } }`, (d) => (d as { initiative: { initiators: Record<string, unknown>[] } }).initiative.initiators[0]],
      [
        "an initiator's initiatives",
        (sel) => `query($id: ID!) { initiative(id: $id) { initiators { initiatives { initiators { ${sel} } } } } }`,
        (d) => (d as { initiative: { initiators: { initiatives: { initiators: Record<string, unknown>[] }[] }[] } }).initiative.initiators[0].initiatives[0].initiators[0],
      ],
    ];

    it.each(paths)('via %s: who it is, and no profile detail', async (_, query, person) => {
      const signedIn = await t.post({ query: query(selection), variables: { id: initiativeId } }, { token: user.token });
      expect(signedIn.body.errors).toBeUndefined();
      const whole = person(signedIn.body.data);
      for (const field of fields) expect([field, whole[field]]).not.toEqual([field, null]);
      expect(whole).toMatchObject({ id: initiatorId, bio: expect.stringContaining('buurtkeuken'), availableHoursPerMonth: 12, offers: [expect.anything()], seeks: [expect.anything()] });

      for (const reply of await thrice({ query: query(selection), variables: { id: initiativeId } })) {
        expect(reply.status).toBe(200);
        expect(reply.body.errors).toBeUndefined();
        const seen = person(reply.body.data);
        for (const field of fields) {
          const hidden = Array.isArray(whole[field]) ? [] : null;
          expect([field, seen[field]]).toEqual([field, VISIBLE_TO_ANONYMOUS.includes(field) ? whole[field] : hidden]);
        }
      }
    });

    it('needs a sign-in for professional(id) and searchExperts; me is null', async () => {
      expectRejected(await t.post({ query: `query($id: ID!) { professional(id: $id) { ${selection} } }`, variables: { id: initiatorId } }), 200, 'UNAUTHENTICATED');
      expectRejected(await t.post({ query: `{ searchExperts(input: { disciplines: ["participatie"] }) { edges { node { ${selection} } } } }` }), 200, 'UNAUTHENTICATED');
      expect(await t.post({ query: '{ me { professional { bio } } }' })).toEqual({ status: 200, body: { data: { me: null } } });
    });

    it("shows the caller's own profile whole in the answer of signIn", async () => {
      await t.post({ query: 'mutation { updateProfile(input: { bio: "Mijn eigen bio" }) { bio } }' }, { token: user.token });
      const before = t.mailbox.messages.length;
      await t.gql('mutation { requestSignInLink(email: "probe@example.org") }');
      const mail = await t.mailbox.waitForMailTo('probe@example.org', before);
      const res = await t.gql('mutation($t: String!) { signIn(token: $t) { me { professional { bio } } } }', { t: tokenFromEmail(mail.text ?? '') });
      expect(res).toEqual({ data: { signIn: { me: { professional: { bio: 'Mijn eigen bio' } } } } });
    });
  });

  describe('schema details', () => {
    const MISSPELT = '{ provinces { cod } }';

    it('outside production, validation errors suggest and introspection is on', async () => {
      const reply = await t.post({ query: MISSPELT });
      expectRejected(reply, 400, 'GRAPHQL_VALIDATION_FAILED');
      expect(reply.body.errors?.[0].message).toContain('Did you mean "code"?');
      expect(await t.gql('{ __schema { queryType { name } } }')).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    });

    describe('in production', () => {
      let prod: TestApp;
      beforeAll(async () => {
        prod = await startTestApp({ env: { NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'false' } });
      });
      afterAll(() => prod?.close());

      it('suggests nothing, neither for the document nor for variables', async () => {
        const misspelt = await prod.post({ query: MISSPELT });
        expectRejected(misspelt, 400, 'GRAPHQL_VALIDATION_FAILED');
        expect(misspelt.body.errors?.[0].message).toBe('Cannot query field "cod" on type "Province".');
        const variable = await prod.post({ query: 'query($s: [InitiativeStatus!]) { initiatives(filter: { statuses: $s }) { totalCount } }', variables: { s: ['RUNNIN'] } });
        expectRejected(variable, 400, 'BAD_USER_INPUT');
        expect(variable.body.errors?.[0].message).not.toMatch(/Did you mean|RUNNING/);
      });

      it('refuses introspection when GRAPHQL_INTROSPECTION=false', async () => {
        expectRejected(await prod.post({ query: '{ __schema { queryType { name } } }' }), 400, 'GRAPHQL_VALIDATION_FAILED');
        expect(await prod.post({ query: '{ __typename }' })).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
      });
    });
  });
});
