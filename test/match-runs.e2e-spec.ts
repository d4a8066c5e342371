// Issue #5 over HTTP, with the real PostgreSQL, Redis and an in-process SMTP server: runs,
// digests, answers by link and by API, connections, privacy of a decline, expiry, pausing,
// unsubscribing, dry runs, the schedule and admin-only access.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import type { ParsedMail } from 'mailparser';
import { drain, eventually } from './support/drain.js';
import { makeFixtures } from './support/fixtures.js';
import { registerAndSignIn, tokenFromEmail } from './support/sign-in.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { TEST_REDIS_URL } from './support/test-env.js';

const RUN_FIELDS = `id status dryRun ruleSetVersion startedAt finishedAt error
  stats { eligiblePeople candidatePairs proposed peopleWithIntroduction meanScore emailsQueued emailsSent paused accepted declined connected acceptanceRate connectionRate usefulnessRate }`;
const TRIGGER = `mutation($dry: Boolean) { triggerMatchRun(dryRun: $dry) { ${RUN_FIELDS} } }`;
const RUN = `query($id: ID!) { matchRun(id: $id) { ${RUN_FIELDS} } }`;
const RUNS = `query($after: String) { matchRuns(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
const MINE = `query($status: IntroductionStatus) { myIntroductions(status: $status) { totalCount edges { node {
  id kind status score counterpartEmail myAnswer myRating counterpart { name } initiative { title } reasons { code text weight } } } } }`;
const RESPOND = `mutation($id: ID!, $accept: Boolean!) { respondToIntroduction(id: $id, accept: $accept) { id status counterpartEmail } }`;
const RATE = `mutation($id: ID!, $useful: Boolean!, $comment: String) { rateIntroduction(id: $id, useful: $useful, comment: $comment) { id status } }`;
const UPDATE_RULES = `mutation($input: MatchRuleSetInput!) { updateMatchRules(input: $input) { version schedule timezone } }`;

interface Run {
  id: string;
  status: string;
  dryRun: boolean;
  stats: Record<string, number> | null;
  error: string | null;
}
interface Mine {
  myIntroductions: {
    totalCount: number;
    edges: { node: { id: string; kind: string; status: string; counterpartEmail: string | null; counterpart: { name: string }; reasons: { code: string; text: string }[] } }[];
  };
}

/** Two people who each offer what the other seeks, in disciplines nobody else here touches. */
const PAIRS = {
  anna: { offers: 'participatie', seeks: 'subsidies' },
  bob: { offers: 'subsidies', seeks: 'participatie' },
  carl: { offers: 'groenbeheer', seeks: 'lokale-energie' },
  dora: { offers: 'lokale-energie', seeks: 'groenbeheer' },
  eef: { offers: 'impactmeting', seeks: 'cooperatie-recht' },
  fien: { offers: 'cooperatie-recht', seeks: 'impactmeting' },
  gijs: { offers: 'informele-zorg', seeks: 'wijkaanpak' },
  hanna: { offers: 'wijkaanpak', seeks: 'informele-zorg' },
} as const;
type Name = keyof typeof PAIRS;

describe('match runs, digests and introductions', () => {
  let t: TestApp;
  let admin: { token: string; id: string };
  const people = {} as Record<Name, { id: string; email: string; token?: string }>;

  beforeAll(async () => {
    t = await startTestApp({ env: { INTRODUCTION_EXPIRY_DAYS: '14' } });
    admin = await registerAndSignIn(t, { email: 'admin@example.org', name: 'Ada Admin' });
  });
  afterAll(() => t?.close());

  const make = () => makeFixtures(t.db);
  async function addPeople(...names: Name[]): Promise<void> {
    for (const name of names) {
      const email = `${name}@example.org`;
      const id = await make().professional({
        name: name[0].toUpperCase() + name.slice(1),
        email,
        municipalityCode: 'GM0363',
        offers: { [PAIRS[name].offers]: 'EXPERT' },
        seeks: [PAIRS[name].seeks],
        locale: name === 'bob' ? 'en' : 'nl',
        // Markup in a name or organisation is shown as text on the answer pages.
        organisation: name === 'bob' ? 'Fonds & <Co>' : undefined,
      });
      people[name] = { id, email };
    }
  }
  /** What Verbinder sent someone, apart from the sign-in links the test asks for. */
  const mailsTo = (name: Name): ParsedMail[] =>
    t.mailbox.messages.filter((m) => JSON.stringify(m.to ?? '').includes(people[name].email) && !/aanmeldlink|sign-in link/i.test(m.subject ?? ''));
  /** A header as sent (mailparser restructures the List-* headers). */
  const header = (mail: ParsedMail, name: string): string =>
    mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, '') ?? '';

  async function runToEnd(dry = false): Promise<Run> {
    const res = await t.gql<{ triggerMatchRun: Run }>(TRIGGER, { dry }, { token: admin.token });
    expect(res.errors).toBeUndefined();
    return waitForRun(res.data!.triggerMatchRun.id);
  }
  async function waitForRun(id: string): Promise<Run> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const run = (await t.gql<{ matchRun: Run }>(RUN, { id }, { token: admin.token })).data!.matchRun;
      if (run.status === 'COMPLETED' || run.status === 'FAILED') return run;
      if (Date.now() > deadline) {
        const problems = t.logs.filter((l) => l.level >= 40 || /[Mm]atch|run|Run/.test(JSON.stringify(l))).map((l) => JSON.stringify(l)).join('\n');
        throw new Error(`Run ${id} still ${run.status}\n${problems}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  async function waitUntil(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  async function signIn(name: Name): Promise<string> {
    people[name].token ??= (await registerAndSignInExisting(name));
    return people[name].token!;
  }
  async function registerAndSignInExisting(name: Name): Promise<string> {
    const before = t.mailbox.messages.length;
    await t.gql(`mutation($e: String!) { requestSignInLink(email: $e) }`, { e: people[name].email });
    const mail = await t.mailbox.waitForMailTo(people[name].email, before);
    const token = tokenFromEmail(mail.text ?? '');
    const res = await t.gql<{ signIn: { token: string } }>(`mutation($t: String!) { signIn(token: $t) { token } }`, { t: token });
    return res.data!.signIn.token;
  }
  const linkFrom = (mail: ParsedMail, answer: 'accept' | 'decline'): string => {
    const match = new RegExp(`(http://verbinder\\.test/introductions/answer\\?token=[^\\s&]+)&answer=${answer}`).exec(mail.text ?? '');
    if (!match) throw new Error(`No ${answer} link in: ${mail.text}`);
    return match[1].replace('http://verbinder.test', t.url);
  };

  it('is for admins only', async () => {
    const user = await registerAndSignIn(t, { email: 'user@example.org', name: 'Uma User' });
    for (const query of [TRIGGER, RUNS, `{ matchRun(id: "00000000-0000-4000-8000-000000000000") { id } }`]) {
      expect((await t.gql(query)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await t.gql(query, {}, { token: user.token })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('a dry run computes and stores stats but creates no introductions and sends nothing', async () => {
    await addPeople('anna', 'bob');
    const mails = t.mailbox.messages.length;
    const run = await runToEnd(true);
    expect(run).toMatchObject({ status: 'COMPLETED', dryRun: true, error: null });
    expect(run.stats).toMatchObject({ proposed: 1, peopleWithIntroduction: 2, emailsQueued: 0, emailsSent: 0 });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM introduction`)).rows[0].n).toBe(0);
    await drain(t);
    expect(t.mailbox.messages.length).toBe(mails);
  });

  it('a run stores the proposals and emails each person one digest with reasons, links and unsubscribe headers', async () => {
    const run = await runToEnd();
    expect(run).toMatchObject({ status: 'COMPLETED', dryRun: false });
    expect(run.stats).toMatchObject({ proposed: 1, emailsQueued: 2 });
    await waitUntil(() => mailsTo('anna').length === 1 && mailsTo('bob').length === 1, 'two digests');
    const [anna] = mailsTo('anna');
    const [bob] = mailsTo('bob');
    expect(anna.subject).toBe('1 nieuwe kennismaking voor jou op Verbinder');
    expect(bob.subject).toBe('1 new introduction for you on Verbinder');
    expect(anna.text).toContain('Bob');
    expect(anna.text).toMatch(/Bob biedt Subsidies \(expert\), wat jij zoekt/);
    expect(bob.text).toContain('Anna offers Citizen participation (expert)');
    expect(anna.html).toContain('Ja, graag');
    // The HTML part has the same buttons (attribute values entity-encoded).
    const html = String(anna.html).replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    expect(html).toContain(`href="${linkFrom(anna, 'accept').replace(t.url, 'http://verbinder.test')}&answer=accept"`);
    expect(html).toContain(`href="${linkFrom(anna, 'decline').replace(t.url, 'http://verbinder.test')}&answer=decline"`);
    expect(header(anna, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(header(anna, 'list-unsubscribe')).toMatch(/^<http:\/\/verbinder\.test\/email\/unsubscribe\?token=/);
    expect(anna.messageId).toMatch(/^<[0-9a-f]{40}@verbinder\.test>$/);
    // Nobody's address is in a digest.
    expect(anna.text).not.toContain('bob@example.org');
    // The worker marks the digest sent (and its introductions SENT) just after the SMTP server accepted it.
    await waitUntil(async () => (await waitForRun(run.id)).stats!.emailsSent === 2, 'emailsSent 2');
    const intro = (await t.db.query(`SELECT status, run_id FROM introduction`)).rows;
    expect(intro).toEqual([{ status: 'SENT', run_id: run.id }]);
  });

  it('opening a link changes nothing; confirming records the answer; both yes connects them by email, once', async () => {
    const [annaDigest] = mailsTo('anna');
    const link = linkFrom(annaDigest, 'accept');
    const page = await fetch(`${link}&answer=accept`);
    expect(page.status).toBe(200);
    const pageHtml = await page.text();
    expect(pageHtml).toContain('<form method="post" action="/introductions/answer">');
    // Whom Anna answers, in her language (Dutch), the organisation's markup escaped.
    expect(pageHtml).toContain('<html lang="nl">');
    expect(pageHtml).toContain('<p>Je antwoordt op de kennismaking met Bob (Fonds &amp; &lt;Co&gt;).</p>');
    expect(pageHtml).toContain('Ja, graag kennismaken');
    expect(pageHtml).not.toContain('<Co>');
    expect((await t.db.query(`SELECT status FROM introduction`)).rows[0].status).toBe('SENT');
    // Bob's page is English and names Anna, who has no organisation.
    const bobsLink = linkFrom(mailsTo('bob')[0], 'decline');
    const bobsPage = await (await fetch(`${bobsLink}&answer=decline`)).text();
    expect(bobsPage).toContain('<html lang="en">');
    expect(bobsPage).toContain('<p>You are answering the introduction to Anna.</p>');
    expect(bobsPage).toContain('Confirm that you decline this introduction.');
    expect(bobsPage).toContain('>No, thanks</button>');
    const bobsToken = new URL(bobsLink).searchParams.get('token')!;
    const unchosen = await fetch(`${t.url}/introductions/answer`, { method: 'POST', body: new URLSearchParams({ token: bobsToken }) });
    expect(unchosen.status).toBe(400);
    const unchosenHtml = await unchosen.text();
    expect(unchosenHtml).toContain('<html lang="en">');
    expect(unchosenHtml).toContain('<p>You are answering the introduction to Anna.</p><p>Choose yes or no.</p>');

    const token = new URL(link).searchParams.get('token')!;
    const post = await fetch(`${t.url}/introductions/answer`, { method: 'POST', body: new URLSearchParams({ token, answer: 'accept' }) });
    expect(post.status).toBe(200);
    const result = await post.text();
    expect(result).toContain('<html lang="nl">');
    expect(result).toContain('<p>Je antwoordt op de kennismaking met Bob (Fonds &amp; &lt;Co&gt;).</p><p>Dank je. Zegt de ander ook ja');
    expect(result).toContain('<a href="http://verbinder.test/kennismakingen">Al je kennismakingen</a>');
    // Single use: the same link cannot answer again.
    const again = await fetch(`${t.url}/introductions/answer`, { method: 'POST', body: new URLSearchParams({ token, answer: 'decline' }) });
    expect(again.status).toBe(409);

    const bobToken = await signIn('bob');
    const mine = (await t.gql<Mine>(MINE, {}, { token: bobToken })).data!.myIntroductions;
    expect(mine.totalCount).toBe(1);
    const node = mine.edges[0].node;
    // Anna said yes; Bob has not answered yet.
    expect(node).toMatchObject({ kind: 'PEER', status: 'ACCEPTED', counterpartEmail: null, myAnswer: null, myRating: null, counterpart: { name: 'Anna' } });
    expect(node.reasons.map((r) => r.code)).toContain('OFFERS_WHAT_YOU_SEEK');

    const res = await t.gql<{ respondToIntroduction: { status: string; counterpartEmail: string } }>(RESPOND, { id: node.id, accept: true }, { token: bobToken });
    expect(res.data!.respondToIntroduction).toEqual({ id: node.id, status: 'CONNECTED', counterpartEmail: 'anna@example.org' });
    await waitUntil(() => mailsTo('anna').length === 2 && mailsTo('bob').length === 2, 'connection emails');
    const annaConnected = mailsTo('anna')[1];
    expect(annaConnected.subject).toContain('Bob');
    expect(annaConnected.text).toContain('bob@example.org');
    expect(annaConnected.text).toContain('Al je kennismakingen: http://verbinder.test/kennismakingen');
    expect(String(annaConnected.html)).toContain('<a href="http://verbinder.test/kennismakingen">je kennismakingen</a>');
    const bobConnected = mailsTo('bob')[1];
    expect(bobConnected.subject).toBe('Introduction: Anna would like to meet you too');
    expect(bobConnected.text).toContain('anna@example.org');
    expect(bobConnected.text).toContain('All your introductions: http://verbinder.test/kennismakingen');
    expect(String(bobConnected.html)).toContain('<a href="http://verbinder.test/kennismakingen">your introductions</a>');

    expect((await t.gql<{ rateIntroduction: { status: string } }>(RATE, { id: node.id, useful: true, comment: 'Top' }, { token: bobToken })).data!.rateIntroduction.status).toBe('CONNECTED');
    const rated = (await t.gql<Mine>(MINE, {}, { token: bobToken })).data!.myIntroductions.edges[0].node;
    expect(rated).toMatchObject({ status: 'CONNECTED', myAnswer: true, myRating: true });
    // The export of someone's data has their side of it.
    const exported = JSON.parse((await t.gql<{ exportMyData: string }>(`mutation { exportMyData }`, {}, { token: bobToken })).data!.exportMyData);
    expect(exported.introductions).toEqual([
      expect.objectContaining({ counterpart: 'Anna', status: 'CONNECTED', your_answer: true, you_found_it_useful: true, your_comment: 'Top' }),
    ]);
    await drain(t);
    // Exactly one connection email each, and nothing else.
    expect(mailsTo('anna')).toHaveLength(2);
    expect(mailsTo('bob')).toHaveLength(2);
  });

  it('a decline is private, and the pair is never proposed again', async () => {
    await addPeople('carl', 'dora');
    const run = await runToEnd();
    expect(run.stats).toMatchObject({ proposed: 1 });
    await waitUntil(() => mailsTo('carl').length === 1 && mailsTo('dora').length === 1, 'digests');
    const carlToken = await signIn('carl');
    const doraToken = await signIn('dora');
    const carlsIntro = (await t.gql<Mine>(MINE, {}, { token: carlToken })).data!.myIntroductions.edges[0].node;
    expect((await t.gql<{ respondToIntroduction: { status: string } }>(RESPOND, { id: carlsIntro.id, accept: false }, { token: carlToken })).data!.respondToIntroduction.status).toBe('DECLINED');

    // Dora sees an introduction that is still open, and can still say yes: nothing reveals Carl's no.
    const dorasIntro = (await t.gql<Mine>(MINE, {}, { token: doraToken })).data!.myIntroductions.edges[0].node;
    expect(dorasIntro.status).toBe('SENT');
    expect((await t.gql<Mine>(MINE, { status: 'DECLINED' }, { token: doraToken })).data!.myIntroductions.totalCount).toBe(0);
    const yes = await t.gql<{ respondToIntroduction: { status: string; counterpartEmail: string | null } }>(RESPOND, { id: dorasIntro.id, accept: true }, { token: doraToken });
    expect(yes.data!.respondToIntroduction).toMatchObject({ status: 'ACCEPTED', counterpartEmail: null });
    await drain(t);
    expect(mailsTo('dora')).toHaveLength(1);

    // Next week: both are due again, and they are not proposed to each other.
    await t.db.query(`UPDATE introduction SET created_at = created_at - interval '8 days'`);
    const next = await runToEnd(true);
    expect(next.stats).toMatchObject({ proposed: 0 });
    expect(next.stats!.eligiblePeople).toBeGreaterThanOrEqual(4);
  });

  it('an unanswered suggestion expires; a declined one stays declined but looks expired to the other side', async () => {
    const [{ run_id }] = (await t.db.query(`SELECT run_id FROM introduction LIMIT 1`)).rows;
    const open = await make().professional({ name: 'Olga' });
    const other = await make().professional({ name: 'Otto' });
    await t.db.query(
      `INSERT INTO introduction (id, run_id, kind, a_id, b_id, score, reasons, status, expires_at)
       VALUES (gen_random_uuid(), $1, 'PEER', $2, $3, 0.5, '[]', 'SENT', now() - interval '1 minute')`,
      [run_id, open < other ? open : other, open < other ? other : open],
    );
    await t.db.query(`UPDATE introduction SET expires_at = now() - interval '1 minute' WHERE status = 'DECLINED'`);
    const queue = new Queue('maintenance', { connection: { url: TEST_REDIS_URL }, prefix: t.env.REDIS_PREFIX });
    try {
      const job = await queue.add('expire-introductions', {});
      // The job's own state, polled: a QueueEvents listener can miss a job that finishes before its
      // first read of the event stream (seen in CI runs of the whole suite on a busy machine).
      const state = await eventually(async () => {
        const now = await job.getState();
        return now === 'completed' || now === 'failed' ? now : false;
      }, { timeoutMs: 40_000, intervalMs: 100 });
      expect(state).toBe('completed');
    } finally {
      await queue.close();
    }
    const statuses = (await t.db.query(`SELECT a_id, b_id, status FROM introduction WHERE expires_at < now()`)).rows.map((r: { status: string }) => r.status).sort();
    expect(statuses).toEqual(['DECLINED', 'EXPIRED']);
    const dorasIntro = (await t.gql<Mine>(MINE, {}, { token: await signIn('dora') })).data!.myIntroductions.edges[0].node;
    expect(dorasIntro.status).toBe('EXPIRED');
    const late = await t.gql(RESPOND, { id: dorasIntro.id, accept: true }, { token: await signIn('dora') });
    expect(late.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('pauses someone after three unanswered digests, tells them, and resumes with one click', async () => {
    await addPeople('eef', 'fien');
    await t.db.query(`INSERT INTO digest_state (account_id, unanswered_in_row) VALUES ($1, 3)`, [people.eef.id]);
    const run = await runToEnd();
    expect(run.stats).toMatchObject({ paused: 1, proposed: 0 });
    await waitUntil(() => mailsTo('eef').length === 1, 'pause notice');
    const [notice] = mailsTo('eef');
    expect(notice.subject).toBe('We sturen je even geen voorstellen meer');
    expect((await t.db.query(`SELECT digest_frequency FROM account WHERE id = $1`, [people.eef.id])).rows[0].digest_frequency).toBe('PAUSED');
    const resume = /(http:\/\/verbinder\.test\/email\/resume\?token=\S+)/.exec(notice.text ?? '')![1].replace('http://verbinder.test', t.url);
    expect((await fetch(resume)).status).toBe(200);
    expect((await t.db.query(`SELECT digest_frequency FROM account WHERE id = $1`, [people.eef.id])).rows[0].digest_frequency).toBe('PAUSED');
    const token = new URL(resume).searchParams.get('token')!;
    expect((await fetch(`${t.url}/email/resume`, { method: 'POST', body: new URLSearchParams({ token }) })).status).toBe(200);
    expect((await t.db.query(`SELECT digest_frequency FROM account WHERE id = $1`, [people.eef.id])).rows[0].digest_frequency).toBe('WEEKLY');
  });

  it('unsubscribes with the one-click POST of RFC 8058, without signing in', async () => {
    const [notice] = mailsTo('eef');
    const url = header(notice, 'list-unsubscribe').slice(1, -1).replace('http://verbinder.test', t.url);
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
    expect((await t.db.query(`SELECT opted_in FROM account WHERE id = $1`, [people.eef.id])).rows[0].opted_in).toBe(false);
    expect((await fetch(url.replace(/token=[^&]+/, 'token=forged'), { method: 'POST' })).status).toBe(400);
  });

  it('lists runs newest first with stable cursors, and a second trigger while one is live returns that run', async () => {
    const [x, y] = await Promise.all([t.gql<{ triggerMatchRun: Run }>(TRIGGER, { dry: true }, { token: admin.token }), t.gql<{ triggerMatchRun: Run }>(TRIGGER, { dry: true }, { token: admin.token })]);
    expect(x.data!.triggerMatchRun.id).toBe(y.data!.triggerMatchRun.id);
    await waitForRun(x.data!.triggerMatchRun.id);
    const ids: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const page: { matchRuns: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string } }[] } } =
        (await t.gql<typeof page>(RUNS, { after }, { token: admin.token })).data!;
      total = page.matchRuns.totalCount;
      ids.push(...page.matchRuns.edges.map((e) => e.node.id));
      after = page.matchRuns.pageInfo.hasNextPage ? page.matchRuns.pageInfo.endCursor : null;
    } while (after);
    const stored = (await t.db.query(`SELECT id FROM match_run ORDER BY created_at DESC, id DESC`)).rows.map((r: { id: string }) => r.id);
    expect(ids).toEqual(stored);
    expect(total).toBe(stored.length);
  });

  it('runs on the schedule of the active rules, which an update changes', async () => {
    await addPeople('gijs', 'hanna');
    const at = new Date(Date.now() + 4_000);
    const pattern = `${at.getUTCSeconds()} ${at.getUTCMinutes()} * * * *`;
    const res = await t.gql(UPDATE_RULES, { input: { schedule: pattern, timezone: 'UTC' } }, { token: admin.token });
    expect(res.errors).toBeUndefined();
    await waitUntil(async () => (await t.db.query(`SELECT count(*)::int AS n FROM match_run WHERE requested_by IS NULL`)).rows[0].n === 1, 'a scheduled run');
    const [scheduled] = (await t.db.query(`SELECT id FROM match_run WHERE requested_by IS NULL`)).rows;
    expect(await waitForRun(scheduled.id)).toMatchObject({ status: 'COMPLETED', stats: { proposed: 1 } });
    expect((await t.db.query(`SELECT rule_set_version FROM match_run WHERE id = $1`, [scheduled.id])).rows[0].rule_set_version).toBeGreaterThan(1);
    await waitUntil(() => mailsTo('gijs').length === 1 && mailsTo('hanna').length === 1, 'scheduled digests');
  });
});
