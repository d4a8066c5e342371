// The demo network's match run, on the embedded default (PGlite, mailbox folder) exactly as a
// newcomer runs it and on a PostgreSQL server: every digest is sent exactly once, to its own
// recipient, and holds that recipient's introductions of the run and nothing else.
import { readdir, readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { type ParsedMail, simpleParser } from 'mailparser';
import { drain } from './support/drain.js';
import { openEmbeddedDatabase } from './support/embedded-db.js';
import { seedDemoNetwork } from './support/seed.js';
import { tokenFromEmail } from './support/sign-in.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ADMIN = 'admin@example.org';
const TRIGGER = `mutation { triggerMatchRun { id } }`;
const RUN = `query($id: ID!) { matchRun(id: $id) { status error stats { emailsQueued } } }`;

type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

interface Stored {
  emailOf: Map<string, string>;
  /** Recipient → the ids of the run's introductions they are a side of. */
  introductionsOf: Map<string, Set<string>>;
  outbox: { account_id: string; status: string }[];
}

async function readStored(query: Query, runId: string): Promise<Stored> {
  const accounts = await query<{ id: string; email: string }>(`SELECT id, email FROM account`);
  const intros = await query<{ id: string; a_id: string; b_id: string }>(`SELECT id, a_id, b_id FROM introduction WHERE run_id = $1`, [runId]);
  const introductionsOf = new Map<string, Set<string>>();
  for (const i of intros) {
    for (const side of [i.a_id, i.b_id]) introductionsOf.set(side, (introductionsOf.get(side) ?? new Set()).add(i.id));
  }
  const outbox = await query<{ account_id: string; status: string }>(
    `SELECT account_id, status FROM email_outbox WHERE run_id = $1 AND kind = 'digest' ORDER BY account_id`,
    [runId],
  );
  return { emailOf: new Map(accounts.map((a) => [a.id, a.email])), introductionsOf, outbox };
}

/** The claims of every signed link in a message (JWT payloads, read without checking). */
function linkClaims(mail: ParsedMail): { acc: string; intro?: string }[] {
  const tokens = [...(mail.text ?? '').matchAll(/\?token=([A-Za-z0-9_.%-]+)/g)].map((m) => decodeURIComponent(m[1]));
  return tokens.map((t) => JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString('utf8')) as { acc: string; intro?: string });
}

const recipientOf = (mail: ParsedMail): string => {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((a) => a.value.map((v) => v.address ?? '')).join(',');
};
const isDigest = (mail: ParsedMail): boolean => /kennismaking|introduction/i.test(mail.subject ?? '') && !/aanmeldlink|sign-in/i.test(mail.subject ?? '');

/** Runs the demo network's match run to its last digest and checks every digest against what was stored. */
async function runAndCheckDigests(t: TestApp, mails: () => Promise<ParsedMail[]>, stored: (runId: string) => Promise<Stored>): Promise<void> {
  const waitForMail = async (to: string): Promise<ParsedMail> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = (await mails()).find((m) => recipientOf(m) === to);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No email to ${to}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await t.gql(`mutation { register(input: { email: "${ADMIN}", name: "Ada Admin", sector: GOVERNMENT }) }`);
  const signIn = await t.gql<{ signIn: { token: string } }>(`mutation($t: String!) { signIn(token: $t) { token } }`, {
    t: tokenFromEmail((await waitForMail(ADMIN)).text ?? ''),
  });
  const token = signIn.data!.signIn.token;

  const triggered = await t.gql<{ triggerMatchRun: { id: string } }>(TRIGGER, {}, { token });
  expect(triggered.errors).toBeUndefined();
  const runId = triggered.data!.triggerMatchRun.id;
  let queued = -1;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await t.gql<{ matchRun: { status: string; error: string | null; stats: { emailsQueued: number } | null } }>(RUN, { id: runId }, { token });
    const run = res.data?.matchRun;
    if (!run) throw new Error(`No run ${runId}: ${JSON.stringify(res.errors)}`);
    if (run.status === 'FAILED') throw new Error(`The run failed: ${run.error}`);
    if (run.status === 'COMPLETED') queued = run.stats!.emailsQueued;
    if (queued >= 0 && (await mails()).filter(isDigest).length >= queued) break;
    if (Date.now() > deadline) break; // the checks below say what is missing
    await new Promise((r) => setTimeout(r, 200));
  }
  // A duplicate would be a job queued twice, or a failed send's retry: both have run once drained.
  await drain(t);
  const digests = (await mails()).filter(isDigest);
  const { emailOf, introductionsOf, outbox } = await stored(runId);

  expect(queued).toBeGreaterThan(10); // the demo network has more than ten people with a suggestion
  expect(outbox).toHaveLength(queued);
  expect(outbox.filter((o) => o.status !== 'SENT')).toEqual([]);
  const recipients = outbox.map((o) => emailOf.get(o.account_id)!).sort();
  expect(digests.map(recipientOf).sort()).toEqual(recipients); // each exactly once
  for (const mail of digests) {
    const claims = linkClaims(mail);
    const accounts = new Set(claims.map((c) => c.acc));
    expect(accounts.size).toBe(1);
    const [account] = accounts;
    expect(emailOf.get(account)).toBe(recipientOf(mail));
    const shown = new Set(claims.flatMap((c) => (c.intro ? [c.intro] : [])));
    expect(shown.size).toBeGreaterThan(0);
    expect([...shown].sort()).toEqual([...(introductionsOf.get(account) ?? [])].sort());
  }
}

/** Many requests at once, each reading other rows: every answer is its own request's. */
async function expectConcurrentReadsKeptApart(t: TestApp): Promise<void> {
  const list = await t.gql<{ initiatives: { edges: { node: { id: string; title: string } }[] } }>(`{ initiatives(first: 50) { edges { node { id title } } } }`);
  const initiatives = list.data!.initiatives.edges.map((e) => e.node);
  expect(initiatives.length).toBeGreaterThan(5);
  const asked = Array.from({ length: 6 }, () => initiatives).flat();
  const answers = await Promise.all(
    asked.map((i) => t.gql<{ initiative: { id: string; title: string } | null }>(`query($id: ID!) { initiative(id: $id) { id title } }`, { id: i.id })),
  );
  expect(answers.map((a) => a.errors ?? a.data?.initiative)).toEqual(asked);
}

describe('the demo network run sends every digest exactly once, to its own recipient', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('on the embedded default (PGlite and the mailbox folder)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'verbinder-embedded-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    seedDemoNetwork({ DATA_DIR: dataDir });
    const t = await startTestApp({ embeddedDefaults: true, env: { DATA_DIR: dataDir } });
    cleanups.push(() => t.close());
    const parsed = new Map<string, ParsedMail>();
    const mails = async (): Promise<ParsedMail[]> => {
      const dir = join(dataDir, 'mail');
      for (const file of (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'))) {
        if (!parsed.has(file)) parsed.set(file, await simpleParser(await readFile(join(dir, file))));
      }
      return [...parsed.values()];
    };
    await expectConcurrentReadsKeptApart(t);
    await runAndCheckDigests(t, mails, async (runId) => {
      expect(await t.stop()).toBe(0); // the embedded database may be opened by one process at a time
      const db = await openEmbeddedDatabase(dataDir);
      try {
        return await readStored(async (sql, params) => (await db.client.query(sql, params)).rows, runId);
      } finally {
        await db.close();
      }
    });
  }, 180_000);

  it('on a PostgreSQL server', async () => {
    const t = await startTestApp();
    cleanups.push(() => t.close());
    seedDemoNetwork({ DATABASE_URL: t.env.DATABASE_URL });
    await runAndCheckDigests(
      t,
      async () => t.mailbox.messages,
      (runId) => readStored(async (sql, params) => (await t.db.query(sql, params)).rows, runId),
    );
  }, 120_000);
});
