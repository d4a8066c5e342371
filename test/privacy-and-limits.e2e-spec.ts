// Issue #11, items 4, 5, 6, 8 and 11, probed from outside against the real server: a decline is
// private in every view; the rate limits hold across every mutation that emails an address;
// requestSignInLink does the same work for a known and an unknown address; no secret reaches a
// log line; and during a Redis outage sign-in requests fail fast and recover by themselves.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { ParsedMail } from 'mailparser';
import { QUEUES } from '../src/jobs/jobs.js';
import { redisOptions } from '../src/redis/redis-locator.js';
import { databaseFingerprint } from './support/db-fingerprint.js';
import { drain, eventually, requestLogged } from './support/drain.js';
import { makeFixtures } from './support/fixtures.js';
import { tokenFromEmail } from './support/sign-in.js';
import { freePort, type GraphQLResponse, type LogLine, startTestApp, type TestApp } from './support/test-app.js';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) }`;
const REQUEST_LINK = `mutation($email: String!) { requestSignInLink(email: $email) }`;
const SIGN_IN = `mutation($token: String!) { signIn(token: $token) { token } }`;
const MINE = `query($status: IntroductionStatus) { myIntroductions(status: $status) { totalCount edges { node { id status counterpartEmail counterpart { name } } } } }`;
const RESPOND = `mutation($id: ID!, $accept: Boolean!) { respondToIntroduction(id: $id, accept: $accept) { id status counterpartEmail } }`;

/** Words that would mean an internal message reached a client. */
const INTERNAL = /stack|ECONNREFUSED|ioredis|Stream isn't writeable|enableOfflineQueue|QueryFailed|TypeError|Cannot read|at \S+ \(/i;

interface Mine {
  myIntroductions: { totalCount: number; edges: { node: { id: string; status: string; counterpartEmail: string | null; counterpart: { name: string } } }[] };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Waits until the email queue has nothing left to run: every email asked for is in the mailbox by then. */
const drainEmails = (t: TestApp): Promise<void> => drain(t, [QUEUES.email]);

const mailsTo = (t: TestApp, address: string): ParsedMail[] => t.mailbox.messages.filter((m) => JSON.stringify(m.to ?? '').includes(address));

function expectClientError(res: { status: number; body: GraphQLResponse }, code: string): void {
  expect(res.status).toBe(200);
  expect(res.body.errors?.[0].extensions?.code).toBe(code);
  expect(res.body.errors?.[0].message).not.toMatch(INTERNAL);
  expect(JSON.stringify(res.body)).not.toMatch(INTERNAL);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

describe('a decline is private in every view; no secret reaches a log line', () => {
  let t: TestApp;
  const secrets = new Map<string, string>();
  const keep = (what: string, value: string): void => {
    secrets.set(`${what} ${secrets.size}`, value);
  };
  const people = {} as Record<'ann' | 'ben' | 'cor', { id: string; email: string; token: string }>;
  let run: string;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  /** Signs someone in by link, keeping every secret on the way. */
  async function signIn(email: string): Promise<string> {
    const before = t.mailbox.messages.length;
    expect((await t.gql(REQUEST_LINK, { email })).data).toEqual({ requestSignInLink: true });
    const linkToken = tokenFromEmail((await t.mailbox.waitForMailTo(email, before)).text ?? '');
    keep('sign-in token', linkToken);
    keep('sign-in token hash', createHash('sha256').update(linkToken).digest('hex'));
    // The page the link opens, as a browser does, and the old address of links sent before the web app.
    await fetch(`${t.url}/aanmelden?token=${linkToken}`);
    expect((await fetch(`${t.url}/sign-in?token=${linkToken}`, { redirect: 'manual' })).status).toBe(303);
    const res = await t.gql<{ signIn: { token: string } }>(SIGN_IN, { token: linkToken });
    keep('session token', res.data!.signIn.token);
    return res.data!.signIn.token;
  }

  const mine = async (who: keyof typeof people, status?: string) =>
    (await t.gql<Mine>(MINE, status ? { status } : {}, { token: people[who].token })).data!.myIntroductions;
  const exported = async (who: keyof typeof people) =>
    JSON.parse((await t.gql<{ exportMyData: string }>(`mutation { exportMyData }`, {}, { token: people[who].token })).data!.exportMyData) as {
      introductions: { id: string; status: string; your_answer: boolean | null }[];
    };

  it('B declines before A’s digest is sent: A’s digest, list, counts, export and answer page show it as unanswered', async () => {
    const make = makeFixtures(t.db);
    for (const name of ['ann', 'ben', 'cor'] as const) {
      const email = `${name}@example.org`;
      const id = await make.professional({ name: name[0].toUpperCase() + name.slice(1), email });
      people[name] = { id, email, token: '' };
    }
    for (const name of ['ann', 'ben', 'cor'] as const) people[name].token = await signIn(people[name].email);
    const pair = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);
    [{ id: run }] = (await t.db.query(`INSERT INTO match_run (id, status, dry_run, rule_set_version) VALUES (gen_random_uuid(), 'COMPLETED', false, 1) RETURNING id`)).rows;
    const insert = async (x: string, y: string, score: number): Promise<string> => {
      const [a, b] = pair(x, y);
      const { rows } = await t.db.query(
        `INSERT INTO introduction (id, run_id, kind, a_id, b_id, score, reasons, status, expires_at)
         VALUES (gen_random_uuid(), $1, 'PEER', $2, $3, $4, '[]', 'SENT', now() + interval '14 days') RETURNING id`,
        [run, a, b, score],
      );
      return rows[0].id;
    };
    const declined = await insert(people.ann.id, people.ben.id, 0.9);
    const unanswered = await insert(people.ann.id, people.cor.id, 0.8);

    // Ben declines (he saw it in his list) before Ann's digest went out.
    const no = await t.gql<{ respondToIntroduction: { status: string } }>(RESPOND, { id: declined, accept: false }, { token: people.ben.token });
    expect(no.data!.respondToIntroduction.status).toBe('DECLINED');

    // Ann sees both introductions alike: unanswered.
    const annsList = await mine('ann');
    expect(annsList.totalCount).toBe(2);
    expect(Object.fromEntries(annsList.edges.map((e) => [e.node.counterpart.name, e.node.status]))).toEqual({ Ben: 'SENT', Cor: 'SENT' });
    expect((await mine('ann', 'DECLINED')).totalCount).toBe(0);
    expect((await mine('ann', 'SENT')).totalCount).toBe(2);
    expect((await exported('ann')).introductions.map((i) => [i.id, i.status, i.your_answer])).toEqual(
      expect.arrayContaining([
        [declined, 'SENT', null],
        [unanswered, 'SENT', null],
      ]),
    );
    // Ben sees his own no.
    expect((await mine('ben')).edges.map((e) => e.node.status)).toEqual(['DECLINED']);
    expect((await exported('ben')).introductions.map((i) => i.status)).toEqual(['DECLINED']);

    // Ann's digest, sent now by the relay, offers both.
    await t.db.query(
      `INSERT INTO email_outbox (id, idempotency_key, kind, account_id, run_id, created_at)
       VALUES (gen_random_uuid(), $1, 'digest', $2, $3, now() - interval '5 minutes')`,
      [`digest:${run}:${people.ann.id}`, people.ann.id, run],
    );
    const maintenance = new Queue('maintenance', { connection: redisOptions(t.env.REDIS_URL), prefix: t.env.REDIS_PREFIX });
    try {
      await maintenance.add('relay-outbox', {});
    } finally {
      await maintenance.close();
    }
    await waitUntil(() => mailsTo(t, people.ann.email).some((m) => !/aanmeldlink/i.test(m.subject ?? '')), 'Ann’s digest');
    const digest = mailsTo(t, people.ann.email).find((m) => !/aanmeldlink/i.test(m.subject ?? ''))!;
    expect(digest.text).toContain('Ben');
    expect(digest.text).toContain('Cor');
    const answerTokens = [...(digest.text ?? '').matchAll(/\/introductions\/answer\?token=([^\s&]+)&answer=accept/g)].map((m) => decodeURIComponent(m[1]));
    expect(answerTokens).toHaveLength(2);
    for (const token of answerTokens) keep('answer link token', token);
    const unsubscribe = /\/email\/unsubscribe\?token=([^\s&>]+)/.exec(digest.text ?? digest.html?.toString() ?? '')?.[1];
    expect(unsubscribe).toBeDefined();
    keep('unsubscribe link token', decodeURIComponent(unsubscribe!));

    // The answer pages: opening either link looks the same; answering yes to Ben gets the words of an open one.
    const pages = await Promise.all(answerTokens.map(async (token) => fetch(`${t.url}/introductions/answer?token=${encodeURIComponent(token)}&answer=accept`)));
    expect(pages.map((p) => p.status)).toEqual([200, 200]);
    const bodies = await Promise.all(pages.map((p) => p.text()));
    for (const body of bodies) expect(body).toContain('<form method="post" action="/introductions/answer">');
    const claims = (token: string): { intro: string } => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    const bensToken = answerTokens.find((token) => claims(token).intro === declined)!;
    expect(bensToken).toBeDefined();
    const yes = await fetch(`${t.url}/introductions/answer`, { method: 'POST', body: new URLSearchParams({ token: bensToken, answer: 'accept' }) });
    expect(yes.status).toBe(200);
    expect(await yes.text()).toContain('Zegt de ander ook ja');
    const annNow = Object.fromEntries((await mine('ann')).edges.map((e) => [e.node.counterpart.name, e.node]));
    expect(annNow.Ben).toMatchObject({ status: 'ACCEPTED', counterpartEmail: null });
    await drainEmails(t);
    expect(mailsTo(t, people.ben.email).filter((m) => !/aanmeldlink/i.test(m.subject ?? ''))).toHaveLength(0);
  });

  it('until expiry, and then both look expired to A, at the same moment', async () => {
    await t.db.query(`UPDATE introduction SET expires_at = now() - interval '1 second' WHERE run_id = $1`, [run]);
    // Before the hourly expiry job: both already EXPIRED to Ann, declined to Ben.
    expect((await mine('ann')).edges.map((e) => e.node.status)).toEqual(['EXPIRED', 'EXPIRED']);
    expect((await exported('ann')).introductions.map((i) => i.status)).toEqual(['EXPIRED', 'EXPIRED']);
    expect((await mine('ann', 'EXPIRED')).totalCount).toBe(2);
    expect((await mine('ben')).edges.map((e) => e.node.status)).toEqual(['DECLINED']);
    const late = await t.post({ query: RESPOND, variables: { id: (await mine('cor')).edges[0].node.id, accept: true } }, { token: people.cor.token });
    expectClientError(late, 'CONFLICT');
  });

  it('writes no token, link secret, session or hash to any log line, at debug level too', async () => {
    // A bearer on an API call, and the queue dashboard opened by link, once with the header.
    expect((await t.gql(REGISTER, { input: { email: 'admin@example.org', name: 'Ada Admin', sector: 'CITIZEN' } })).errors).toBeUndefined();
    keep('sign-in token', tokenFromEmail((await t.mailbox.waitForMailTo('admin@example.org')).text ?? ''));
    const admin = await signIn('admin@example.org');
    expect((await t.gql(`{ me { email } }`, {}, { token: admin })).data).toEqual({ me: { email: 'admin@example.org' } });
    const dashboard = await fetch(`${t.url}/admin/queues?token=${admin}`, { redirect: 'manual' });
    expect(dashboard.status).toBe(303);
    expect((await fetch(`${t.url}/admin/queues`, { headers: { authorization: `Bearer ${admin}` } })).status).toBeLessThan(400);
    // GraphQL over GET with a secret in the variables (refused for a mutation, and still logged as a request).
    await fetch(`${t.url}/graphql?query=${encodeURIComponent(SIGN_IN)}&variables=${encodeURIComponent(JSON.stringify({ token: [...secrets.values()][0] }))}`);
    // An unsubscribe by link.
    const unsubscribe = [...secrets].find(([what]) => what.startsWith('unsubscribe'))![1];
    expect((await fetch(`${t.url}/email/unsubscribe?token=${encodeURIComponent(unsubscribe)}`)).status).toBe(200);
    // The last request's last line: every line before it has arrived.
    await eventually(() => expect(t.logs.some((l) => (l.req as { url?: string } | undefined)?.url?.startsWith('/email/unsubscribe') && l.res !== undefined)).toBe(true));

    expect(t.logs.some((l) => l.level === 20 && l.msg === 'sql')).toBe(true);
    expect(t.logs.some((l) => (l.req as { url?: string } | undefined)?.url?.startsWith('/sign-in?token='))).toBe(true);
    expect(t.logs.some((l) => (l.req as { url?: string } | undefined)?.url?.startsWith('/aanmelden?token='))).toBe(true);
    const text = t.logs.map((l: LogLine) => JSON.stringify(l)).join('\n');
    expect(secrets.size).toBeGreaterThanOrEqual(14);
    const leaked = [...secrets].filter(([, value]) => text.includes(value)).map(([what]) => what);
    expect(leaked).toEqual([]);
  });
});

describe('rate limits per address and per client, across every mutation that emails an address', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('register and requestSignInLink together send at most 5 links an hour to one address', async () => {
    const address = 'flood@example.org';
    const answers: { status: number; body: GraphQLResponse }[] = [];
    for (let i = 0; i < 8; i++) {
      const body =
        i % 2 === 0
          ? { query: REGISTER, variables: { input: { email: address, name: 'Flo Od', sector: 'CITIZEN' } } }
          : { query: REQUEST_LINK, variables: { email: address.toUpperCase() } };
      answers.push(await t.post(body, { headers: { 'x-forwarded-for': `198.51.100.${i}` } }));
      // The account exists before the next request: a link request that overtakes the
      // registration of its address finds no account and rightly sends nothing (the
      // registration sends the link), which would make the count below depend on timing.
      if (i === 0) await waitUntil(() => mailsTo(t, address).length >= 1, 'the registration\'s link');
    }
    expect(answers.slice(0, 5).map((a) => [a.status, a.body.errors])).toEqual(Array(5).fill([200, undefined]));
    for (const limited of answers.slice(5)) expectClientError(limited, 'RATE_LIMITED');

    await waitUntil(() => mailsTo(t, address).length >= 5, 'five sign-in links');
    await drainEmails(t);
    expect(mailsTo(t, address)).toHaveLength(5);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM account WHERE lower(email) = $1`, [address])).rows[0].n).toBe(1);
  });

  it('one client gets 10 a minute, over both mutations and any addresses', async () => {
    const client = { 'x-forwarded-for': '203.0.113.9' };
    for (let i = 0; i < 10; i++) {
      const body =
        i % 2 === 0
          ? { query: REGISTER, variables: { input: { email: `person${i}@example.org`, name: `Person ${i}`, sector: 'CITIZEN' } } }
          : { query: REQUEST_LINK, variables: { email: `nobody${i}@example.org` } };
      expect((await t.post(body, { headers: client })).body.errors).toBeUndefined();
    }
    await waitUntil(() => [0, 2, 4, 6, 8].every((i) => mailsTo(t, `person${i}@example.org`).length === 1), 'five sign-in links');
    await drainEmails(t);
    const before = await databaseFingerprint(t.db);
    const refused = await t.post({ query: REGISTER, variables: { input: { email: 'late@example.org', name: 'La Te', sector: 'CITIZEN' } } }, { headers: client });
    expectClientError(refused, 'RATE_LIMITED');
    await drainEmails(t);
    // The refused registration created nothing and sent nothing; the unknown addresses got nothing.
    expect(await databaseFingerprint(t.db)).toEqual(before);
    expect(mailsTo(t, 'late@example.org')).toHaveLength(0);
    expect(t.mailbox.messages.filter((m) => /nobody\d@/.test(JSON.stringify(m.to ?? '')))).toHaveLength(0);
  });
});

describe('requestSignInLink does the same work for a known and an unknown address', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  /** SQL statements the app logged for one request (by its id) and whether it queued a job. */
  async function probe(email: string, requestId: string, client: string): Promise<{ sql: string[]; queued: number; ms: number }> {
    const redis = new Redis(t.env.REDIS_URL);
    const idKey = `${t.env.REDIS_PREFIX}:email:id`;
    try {
      const before = Number((await redis.get(idKey)) ?? 0);
      const started = performance.now();
      const res = await t.post({ query: REQUEST_LINK, variables: { email } }, { headers: { 'x-request-id': requestId, 'x-forwarded-for': client } });
      const ms = performance.now() - started;
      expect(res).toEqual({ status: 200, body: { data: { requestSignInLink: true } } });
      const queued = Number((await redis.get(idKey)) ?? 0) - before;
      await requestLogged(t, requestId);
      const sql = t.logs.filter((l) => l.req?.id === requestId && l.context === 'Database').map((l) => String(l.query));
      return { sql, queued, ms };
    } finally {
      redis.disconnect();
    }
  }

  it('answers without looking up the account (no SQL), queueing one job either way', async () => {
    const make = makeFixtures(t.db);
    const known: string[] = [];
    for (let i = 0; i < 10; i++) {
      const email = `known${i}@example.org`;
      await make.professional({ name: `Known ${i}`, email });
      known.push(email);
    }
    const results = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 10; i++) {
      const k = await probe(known[i], `probe-known-${i}`, `192.0.2.${i}`);
      const u = await probe(`unknown${i}@example.org`, `probe-unknown-${i}`, `192.0.2.${100 + i}`);
      expect(k.sql).toEqual([]);
      expect(u.sql).toEqual([]);
      expect([k.queued, u.queued]).toEqual([1, 1]);
      results.known.push(k.ms);
      results.unknown.push(u.ms);
    }
    // For information only: loopback timings are too noisy to assert on.
    console.log(`requestSignInLink medians of 10: known ${median(results.known).toFixed(2)} ms, unknown ${median(results.unknown).toFixed(2)} ms`);
    await waitUntil(() => known.every((email) => mailsTo(t, email).length === 1), 'a link to every known address');
    await drainEmails(t);
    expect(t.mailbox.messages.filter((m) => /unknown\d@/.test(JSON.stringify(m.to ?? '')))).toHaveLength(0);
  });
});

describe('a Redis outage: sign-in requests fail fast and work again when Redis is back', () => {
  let t: TestApp;
  let port: number;
  let redis: ChildProcess;

  async function startRedis(): Promise<ChildProcess> {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const probeClient = (): Promise<boolean> => {
      const client = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      return client.connect().then(
        async () => (await client.ping()) === 'PONG' && (client.disconnect(), true),
        () => (client.disconnect(), false),
      );
    };
    await waitUntil(probeClient, 'redis-server to answer', 10_000);
    return child;
  }
  async function stopRedis(): Promise<void> {
    if (redis.exitCode !== null) return;
    const exited = new Promise((r) => redis.once('exit', r));
    redis.kill('SIGKILL');
    await exited;
  }
  /** A request with our own deadline, so that a hang fails the test instead of timing it out. */
  async function timed(body: unknown, client: string): Promise<{ ms: number; status: number; body: GraphQLResponse }> {
    const started = performance.now();
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    return { ms: performance.now() - started, status: res.status, body: (await res.json()) as GraphQLResponse };
  }

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis();
    t = await startTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
  });
  afterAll(async () => {
    await t?.close();
    if (redis) await stopRedis();
  });

  it('answers SERVICE_UNAVAILABLE within 3 s while Redis is down, writing nothing, and recovers without a restart', async () => {
    await makeFixtures(t.db).professional({ name: 'Rita', email: 'rita@example.org' });
    const ok = await timed({ query: REQUEST_LINK, variables: { email: 'rita@example.org' } }, '192.0.2.1');
    expect(ok.body).toEqual({ data: { requestSignInLink: true } });
    await t.mailbox.waitForMailTo('rita@example.org');

    await stopRedis();
    const before = await databaseFingerprint(t.db);
    const mailsBefore = t.mailbox.messages.length;
    const outage = [
      await timed({ query: REQUEST_LINK, variables: { email: 'rita@example.org' } }, '192.0.2.2'),
      await timed({ query: REGISTER, variables: { input: { email: 'new@example.org', name: 'Nieuw', sector: 'CITIZEN' } } }, '192.0.2.3'),
      await timed({ query: REQUEST_LINK, variables: { email: 'rita@example.org' } }, '192.0.2.4'),
    ];
    for (const res of outage) {
      expect(res.ms).toBeLessThan(3_000);
      expectClientError(res, 'SERVICE_UNAVAILABLE');
      expect(res.body.errors?.[0].extensions?.retryable).toBe(true);
    }
    expect(await databaseFingerprint(t.db)).toEqual(before);

    redis = await startRedis();
    let again: Awaited<ReturnType<typeof timed>> | undefined;
    await waitUntil(async () => {
      again = await timed({ query: REQUEST_LINK, variables: { email: 'rita@example.org' } }, '192.0.2.5');
      return again.body.errors === undefined;
    }, 'requestSignInLink to work again', 10_000);
    expect(again!.body).toEqual({ data: { requestSignInLink: true } });
    await t.mailbox.waitForMailTo('rita@example.org', mailsBefore, 20_000);
    expect(mailsTo(t, 'new@example.org')).toHaveLength(0);
  });
});
