// IntroductionsService over the real PostgreSQL and Redis: someone's introductions as they see
// them (a decline stays private, expiry read from expires_at, keyset cursors), answers (double
// opt-in: both yes → CONNECTED and one `connected` outbox row and job per side, once; a no stays
// a no; answering resets the unanswered-digest counter), ratings of connections, unsubscribe and
// resume, and the hourly expiry. No worker consumes the email queue: the tests read what was queued.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Global, Module } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { ErrorCode } from '../../src/common/domain-error.js';
import { DisciplinesService } from '../../src/disciplines/disciplines.service.js';
import { InitiativesService } from '../../src/initiatives/initiatives.service.js';
import { IntroductionStatus } from '../../src/introductions/dto/introduction.types.js';
import { expireIntroductions, IntroductionsService, MAX_COMMENT_LENGTH } from '../../src/introductions/introductions.service.js';
import { jobIds, QUEUES } from '../../src/jobs/jobs.js';
import { ProfessionalsService } from '../../src/professionals/professionals.service.js';
import { AuthModule } from '../../src/auth/auth.module.js';
import { MailModule } from '../../src/mail/mail.module.js';
import { REDIS_LOCATION } from '../../src/redis/redis.module.js';
import { TEST_REDIS_URL } from '../support/test-env.js';
import { RegionsService } from '../../src/regions/regions.service.js';
import type { MadeProfessional } from './support/make.js';
import { type Medium, startMedium } from './support/medium.js';

const DAY = 86_400_000;
const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY);

/** Where the sign-in side of ProfessionalsService (its email queue) finds Redis. */
@Global()
@Module({ providers: [{ provide: REDIS_LOCATION, useValue: { url: TEST_REDIS_URL, stop: async () => undefined } }], exports: [REDIS_LOCATION] })
class TestRedisLocation {}

describe('IntroductionsService', () => {
  let m: Medium;
  let service: IntroductionsService;
  let emailQueue: Queue;

  beforeAll(async () => {
    m = await startMedium({
      redis: true,
      imports: [TestRedisLocation, MailModule, AuthModule],
      providers: [IntroductionsService, ProfessionalsService, InitiativesService, DisciplinesService, RegionsService],
    });
    service = m.get(IntroductionsService);
    emailQueue = m.module.get<Queue>(getQueueToken(QUEUES.email));
  });
  afterAll(() => m?.close());

  beforeEach(async () => {
    // Runs take their introductions and outbox rows with them, accounts their profiles and digest_state.
    await m.db.query(`DELETE FROM match_run`);
    await m.db.query(`DELETE FROM account`);
    await emailQueue.obliterate({ force: true });
  });

  const people = async (count: number): Promise<MadeProfessional[]> => {
    const made: MadeProfessional[] = [];
    for (let k = 0; k < count; k++) made.push(await m.make.professional());
    return made;
  };
  const introRow = async (id: string) =>
    ((await m.db.query(
      `SELECT status, a_id, b_id, a_answer, b_answer, a_answered_at IS NOT NULL AS a_answered, b_answered_at IS NOT NULL AS b_answered,
              connected_at IS NOT NULL AS connected, a_useful, b_useful, a_comment, b_comment
       FROM introduction WHERE id = $1`,
      [id],
    )) as Record<string, unknown>[])[0];
  const outboxRows = async (): Promise<{ id: string; idempotency_key: string; kind: string; account_id: string; introduction_id: string | null; status: string }[]> =>
    m.db.query(`SELECT id, idempotency_key, kind, account_id, introduction_id, status FROM email_outbox ORDER BY idempotency_key`);
  const unanswered = async (accountId: string): Promise<number | null> =>
    ((await m.db.query(`SELECT unanswered_in_row FROM digest_state WHERE account_id = $1`, [accountId])) as { unanswered_in_row: number }[])[0]
      ?.unanswered_in_row ?? null;
  /** Which of a and b is stored as a_id (the factory stores a PEER pair in id order). */
  const sideOf = (x: MadeProfessional, y: MadeProfessional): 'a' | 'b' => (x.id < y.id ? 'a' : 'b');

  describe('list', () => {
    it('shows the viewer their introductions newest first, as they see them, page by page with cursors', async () => {
      const [anna, bob, carla, dirk, eva] = await people(5);
      const run = await m.make.matchRun();
      const expired = await m.make.introduction({ runId: run, a: anna.id, b: eva.id, status: 'SENT', createdAt: daysAgo(20) });
      const waiting = await m.make.introduction({ runId: run, a: anna.id, b: bob.id, status: 'SENT', createdAt: daysAgo(4) });
      // Carla said no: Anna must not learn it; she sees the introduction still waiting.
      const declinedByCarla = await m.make.introduction({ runId: run, a: anna.id, b: carla.id, status: 'DECLINED', answers: { [carla.id]: false }, createdAt: daysAgo(3) });
      const connected = await m.make.introduction({
        runId: run, a: anna.id, b: dirk.id, status: 'CONNECTED', answers: { [anna.id]: true, [dirk.id]: true }, createdAt: daysAgo(2),
      });
      // Someone else's.
      await m.make.introduction({ runId: run, a: bob.id, b: dirk.id, status: 'SENT', createdAt: daysAgo(1) });

      const first = await service.list(anna.id, null, 2, null);
      expect(first.totalCount).toBe(4);
      expect(first.hasNextPage).toBe(true);
      expect(first.items.map((i) => [i.id, i.status, i.counterpartId, i.counterpartEmail])).toEqual([
        [connected, IntroductionStatus.CONNECTED, dirk.id, dirk.email],
        [declinedByCarla, IntroductionStatus.SENT, carla.id, null],
      ]);

      const second = await service.list(anna.id, null, 2, first.items[1].cursor);
      expect(second.hasNextPage).toBe(false);
      expect(second.totalCount).toBe(4);
      expect(second.items.map((i) => [i.id, i.status, i.counterpartId, i.counterpartEmail])).toEqual([
        [waiting, IntroductionStatus.SENT, bob.id, null],
        // Past expires_at, though the hourly job has not marked it yet.
        [expired, IntroductionStatus.EXPIRED, eva.id, null],
      ]);

      // Carla, who declined, sees her own answer.
      expect((await service.list(carla.id, null, 10, null)).items.map((i) => [i.id, i.status])).toEqual([[declinedByCarla, IntroductionStatus.DECLINED]]);
    });

    it('filters by the status the viewer sees, and counts what the filter keeps', async () => {
      const [anna, bob, carla, dirk] = await people(4);
      const run = await m.make.matchRun();
      const waiting = await m.make.introduction({ runId: run, a: anna.id, b: bob.id, status: 'SENT', createdAt: daysAgo(3) });
      const declinedByCarla = await m.make.introduction({ runId: run, a: anna.id, b: carla.id, status: 'DECLINED', answers: { [carla.id]: false }, createdAt: daysAgo(2) });
      await m.make.introduction({ runId: run, a: anna.id, b: dirk.id, status: 'CONNECTED', answers: { [anna.id]: true, [dirk.id]: true }, createdAt: daysAgo(1) });

      const sent = await service.list(anna.id, IntroductionStatus.SENT, 10, null);
      expect(sent.items.map((i) => i.id)).toEqual([declinedByCarla, waiting]);
      expect(sent.totalCount).toBe(2);
      expect((await service.list(anna.id, IntroductionStatus.DECLINED, 10, null)).totalCount).toBe(0);
      expect((await service.list(carla.id, IntroductionStatus.DECLINED, 10, null)).items.map((i) => i.id)).toEqual([declinedByCarla]);
    });

    it('refuses a cursor it did not make and a page size out of bounds', async () => {
      const [anna] = await people(1);
      await expect(service.list(anna.id, null, 10, 'not-a-cursor')).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
      await expect(service.list(anna.id, null, 101, null)).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
    });

    it("does not show someone else's introduction, nor one that does not exist", async () => {
      const [anna, bob, stranger] = await people(3);
      const intro = await m.make.introduction({ a: anna.id, b: bob.id, status: 'SENT' });
      expect((await service.get(bob.id, intro)).id).toBe(intro);
      await expect(service.get(stranger.id, intro)).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
      await expect(service.get(anna.id, 'not-a-uuid')).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    });
  });

  describe('respond', () => {
    it('one yes waits for the other; both yes connects them and queues one connection email per side, once', async () => {
      const [anna, bob] = await people(2);
      const intro = await m.make.introduction({ a: anna.id, b: bob.id, status: 'SENT' });
      const anna_ = sideOf(anna, bob);
      const bob_ = anna_ === 'a' ? 'b' : 'a';

      const first = await service.respond(anna.id, intro, true);
      expect(first.status).toBe(IntroductionStatus.ACCEPTED);
      expect(await introRow(intro)).toMatchObject({ status: 'ACCEPTED', [`${anna_}_answer`]: true, [`${bob_}_answer`]: null, connected: false });
      expect(await outboxRows()).toEqual([]);

      const second = await service.respond(bob.id, intro, true);
      expect(second).toMatchObject({ status: IntroductionStatus.CONNECTED, counterpartEmail: anna.email });
      expect(await introRow(intro)).toMatchObject({ status: 'CONNECTED', a_answer: true, b_answer: true, a_answered: true, b_answered: true, connected: true });
      const rows = await outboxRows();
      expect(rows.map(({ id: _id, ...r }) => r).sort((x, y) => x.account_id.localeCompare(y.account_id))).toEqual(
        [anna, bob]
          .map((p) => ({ idempotency_key: `connected:${intro}:${p.id}`, kind: 'connected', account_id: p.id, introduction_id: intro, status: 'PENDING' }))
          .sort((x, y) => x.account_id.localeCompare(y.account_id)),
      );
      for (const row of rows) expect(await emailQueue.getJob(jobIds.outbox(row.id, 0))).toMatchObject({ name: 'outbox', data: { outboxId: row.id } });
      expect(await emailQueue.getJobCounts('waiting')).toEqual({ waiting: 2 });

      // A second answer, either way, is refused and changes nothing.
      await expect(service.respond(anna.id, intro, false)).rejects.toMatchObject({ code: ErrorCode.CONFLICT });
      await expect(service.respond(bob.id, intro, true)).rejects.toMatchObject({ code: ErrorCode.CONFLICT });
      expect(await introRow(intro)).toMatchObject({ status: 'CONNECTED', a_answer: true, b_answer: true });
      expect(await outboxRows()).toEqual(rows);
      expect(await emailQueue.getJobCounts('waiting')).toEqual({ waiting: 2 });
    });

    it('two yeses at the same moment connect once', async () => {
      const [anna, bob] = await people(2);
      const intro = await m.make.introduction({ a: anna.id, b: bob.id, status: 'SENT' });
      const answers = await Promise.all([service.respond(anna.id, intro, true), service.respond(bob.id, intro, true)]);
      // The row lock orders them: one saw the other's yes.
      expect(answers.map((a) => a.status).sort()).toEqual([IntroductionStatus.ACCEPTED, IntroductionStatus.CONNECTED].sort());
      expect(await introRow(intro)).toMatchObject({ status: 'CONNECTED', connected: true });
      expect((await outboxRows()).map((r) => r.account_id).sort()).toEqual([anna.id, bob.id].sort());
      expect(await emailQueue.getJobCounts('waiting')).toEqual({ waiting: 2 });
    });

    it('a no declines for good: a later yes from the other side does not connect, and the other is not told', async () => {
      const [anna, bob] = await people(2);
      const intro = await m.make.introduction({ a: anna.id, b: bob.id, status: 'SENT' });

      expect((await service.respond(anna.id, intro, false)).status).toBe(IntroductionStatus.DECLINED);
      expect((await service.get(bob.id, intro)).status).toBe(IntroductionStatus.SENT);
      const bobSees = await service.respond(bob.id, intro, true);
      expect(bobSees).toMatchObject({ status: IntroductionStatus.ACCEPTED, counterpartEmail: null });
      expect(await introRow(intro)).toMatchObject({ status: 'DECLINED', [`${sideOf(anna, bob)}_answer`]: false, connected: false });
      expect(await outboxRows()).toEqual([]);
      expect(await emailQueue.getJobCounts('waiting')).toEqual({ waiting: 0 });
    });

    it("resets the answerer's unanswered-digest counter, yes or no, and only theirs", async () => {
      const [anna, bob, carla] = await people(3);
      const run = await m.make.matchRun();
      const withBob = await m.make.introduction({ runId: run, a: anna.id, b: bob.id, status: 'SENT' });
      const withCarla = await m.make.introduction({ runId: run, a: carla.id, b: bob.id, status: 'SENT' });
      await m.make.digestState(anna.id, 2);
      await m.make.digestState(bob.id, 2);
      await m.make.digestState(carla.id, 1);

      await service.respond(anna.id, withBob, false);
      expect([await unanswered(anna.id), await unanswered(bob.id), await unanswered(carla.id)]).toEqual([0, 2, 1]);
      await service.respond(carla.id, withCarla, true);
      expect([await unanswered(anna.id), await unanswered(bob.id), await unanswered(carla.id)]).toEqual([0, 2, 0]);
    });

    it("refuses someone else's introduction as unknown, and changes nothing", async () => {
      const [anna, bob, stranger] = await people(3);
      const intro = await m.make.introduction({ a: anna.id, b: bob.id, status: 'SENT' });
      await m.make.digestState(stranger.id, 2);
      await expect(service.respond(stranger.id, intro, true)).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
      await expect(service.respond(anna.id, 'not-a-uuid', true)).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
      expect(await introRow(intro)).toMatchObject({ status: 'SENT', a_answer: null, b_answer: null });
      expect(await unanswered(stranger.id)).toBe(2);
    });

    it('refuses an expired introduction, whether or not the hourly job marked it', async () => {
      const [anna, bob, carla] = await people(3);
      const run = await m.make.matchRun();
      const pastDue = await m.make.introduction({ runId: run, a: anna.id, b: bob.id, status: 'SENT', expiresAt: daysAgo(1) });
      const marked = await m.make.introduction({ runId: run, a: anna.id, b: carla.id, status: 'EXPIRED', expiresAt: daysAgo(1) });
      await m.make.digestState(anna.id, 2);
      for (const intro of [pastDue, marked]) {
        await expect(service.respond(anna.id, intro, true)).rejects.toMatchObject({ code: ErrorCode.CONFLICT, message: 'This introduction has expired' });
        expect(await introRow(intro)).toMatchObject({ a_answer: null, b_answer: null });
      }
      expect(await introRow(pastDue)).toMatchObject({ status: 'SENT' });
      expect(await unanswered(anna.id)).toBe(2);
    });
  });

  describe('rate', () => {
    it('rates a connection for the rater only, and may change it', async () => {
      const [anna, bob] = await people(2);
      const intro = await m.make.introduction({ a: anna.id, b: bob.id, status: 'CONNECTED', answers: { [anna.id]: true, [bob.id]: true } });
      const anna_ = sideOf(anna, bob);
      const bob_ = anna_ === 'a' ? 'b' : 'a';

      await service.rate(anna.id, intro, true, '  Fijn gesprek  ');
      expect(await introRow(intro)).toMatchObject({ [`${anna_}_useful`]: true, [`${anna_}_comment`]: 'Fijn gesprek', [`${bob_}_useful`]: null, [`${bob_}_comment`]: null });
      await service.rate(anna.id, intro, false, '   ');
      expect(await introRow(intro)).toMatchObject({ [`${anna_}_useful`]: false, [`${anna_}_comment`]: null, [`${bob_}_useful`]: null });
    });

    it('refuses an introduction that is not CONNECTED, a stranger, and a comment too long', async () => {
      const [anna, bob, stranger] = await people(3);
      const run = await m.make.matchRun();
      const accepted = await m.make.introduction({ runId: run, a: anna.id, b: bob.id, status: 'ACCEPTED', answers: { [anna.id]: true } });
      await expect(service.rate(anna.id, accepted, true, null)).rejects.toMatchObject({ code: ErrorCode.CONFLICT });
      expect(await introRow(accepted)).toMatchObject({ a_useful: null, b_useful: null });

      const connected = await m.make.introduction({ runId: run, a: anna.id, b: stranger.id, status: 'CONNECTED', answers: { [anna.id]: true, [stranger.id]: true } });
      await expect(service.rate(bob.id, connected, true, null)).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
      await expect(service.rate(anna.id, connected, true, 'x'.repeat(MAX_COMMENT_LENGTH + 1))).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
      expect(await introRow(connected)).toMatchObject({ a_useful: null, b_useful: null, a_comment: null, b_comment: null });
    });
  });

  describe('unsubscribe and resume', () => {
    const account = async (id: string) =>
      ((await m.db.query(`SELECT opted_in, digest_frequency FROM account WHERE id = $1`, [id])) as { opted_in: boolean; digest_frequency: string }[])[0];

    it('unsubscribe opts the account out, and nobody else', async () => {
      const [anna, bob] = await people(2);
      await service.unsubscribe(anna.id);
      expect(await account(anna.id)).toEqual({ opted_in: false, digest_frequency: 'WEEKLY' });
      expect(await account(bob.id)).toEqual({ opted_in: true, digest_frequency: 'WEEKLY' });
      await service.unsubscribe(anna.id);
      expect(await account(anna.id)).toEqual({ opted_in: false, digest_frequency: 'WEEKLY' });
    });

    it('resume brings a paused account back to weekly digests and clears its counter', async () => {
      const paused = await m.make.professional({ frequency: 'PAUSED' });
      const other = await m.make.professional({ frequency: 'PAUSED' });
      await m.make.digestState(paused.id, 3);
      await m.make.digestState(other.id, 3);
      await service.resume(paused.id);
      expect(await account(paused.id)).toEqual({ opted_in: true, digest_frequency: 'WEEKLY' });
      expect(await unanswered(paused.id)).toBe(0);
      expect(await account(other.id)).toEqual({ opted_in: true, digest_frequency: 'PAUSED' });
      expect(await unanswered(other.id)).toBe(3);
    });

    it('resume leaves the frequency of an account that was not paused', async () => {
      const monthly = await m.make.professional({ frequency: 'MONTHLY', optedIn: false });
      await service.resume(monthly.id);
      expect(await account(monthly.id)).toEqual({ opted_in: false, digest_frequency: 'MONTHLY' });
    });
  });

  describe('expireIntroductions', () => {
    it('expires the open introductions past their date, and only those', async () => {
      const [anna, bob, carla, dirk] = await people(4);
      const run = await m.make.matchRun();
      const past = daysAgo(1);
      const open = {
        proposed: await m.make.introduction({ runId: run, a: anna.id, b: bob.id, status: 'PROPOSED', expiresAt: past }),
        sent: await m.make.introduction({ runId: run, a: anna.id, b: carla.id, status: 'SENT', expiresAt: past }),
        accepted: await m.make.introduction({ runId: run, a: anna.id, b: dirk.id, status: 'ACCEPTED', answers: { [anna.id]: true }, expiresAt: past }),
      };
      const kept = {
        future: await m.make.introduction({ runId: run, a: bob.id, b: carla.id, status: 'SENT' }),
        connected: await m.make.introduction({ runId: run, a: bob.id, b: dirk.id, status: 'CONNECTED', answers: { [bob.id]: true, [dirk.id]: true }, expiresAt: past }),
        declined: await m.make.introduction({ runId: run, a: carla.id, b: dirk.id, status: 'DECLINED', answers: { [carla.id]: false }, expiresAt: past }),
      };

      expect(await expireIntroductions(m.db)).toBe(3);
      for (const id of Object.values(open)) expect((await introRow(id)).status).toBe('EXPIRED');
      expect([(await introRow(kept.future)).status, (await introRow(kept.connected)).status, (await introRow(kept.declined)).status]).toEqual([
        'SENT',
        'CONNECTED',
        'DECLINED',
      ]);
      expect(await expireIntroductions(m.db)).toBe(0);
    });
  });
});
