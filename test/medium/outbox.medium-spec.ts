// The email outbox over the real PostgreSQL, Redis and an in-process SMTP server: rows written in
// the caller's transaction (a key once), jobs queued with idempotent ids (and by the relay), the
// sender (a digest carries only its recipient's open introductions of the run, and sending it
// moves them to SENT and counts the digest, exactly once; an opted-out recipient is skipped; a
// connection email), and FAILED rows an admin lists and retries. The composers are the real
// ones of introductions (IntroductionMails); no worker consumes the queue.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DiscoveryModule } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { ParsedMail } from 'mailparser';
import { AppConfig } from '../../src/config/runtime-config.js';
import { EmailLinksModule } from '../../src/introductions/email-links.module.js';
import { IntroductionMails } from '../../src/introductions/mail/introduction-mails.js';
import { jobIds, QUEUES } from '../../src/jobs/jobs.js';
import { MailService } from '../../src/mail/mail.service.js';
import { OutboxQueue, RELAY_AFTER_MS } from '../../src/mail/outbox/outbox.queue.js';
import { insertOutbox, markOutboxFailed } from '../../src/mail/outbox/outbox.repository.js';
import { messageIdFor, OutboxSender } from '../../src/mail/outbox/outbox.sender.js';
import { startSmtpServer, type TestMailbox } from '../support/smtp.js';
import type { MadeProfessional } from './support/make.js';
import { type Medium, startMedium } from './support/medium.js';

interface OutboxDbRow {
  id: string;
  idempotency_key: string;
  kind: string;
  account_id: string;
  run_id: string | null;
  introduction_id: string | null;
  status: string;
  requeues: number;
  last_error: string | null;
  message_id: string | null;
  sent: boolean;
}

describe('email outbox', () => {
  let mailbox: TestMailbox;
  let m: Medium;
  let queue: OutboxQueue;
  let sender: OutboxSender;
  let emailQueue: Queue;
  let publicUrl: string;

  beforeAll(async () => {
    mailbox = await startSmtpServer();
    m = await startMedium({
      redis: true,
      env: { SMTP_URL: mailbox.url },
      imports: [DiscoveryModule, EmailLinksModule, BullModule.registerQueue({ name: QUEUES.email })],
      providers: [OutboxQueue, OutboxSender, MailService, IntroductionMails],
    });
    queue = m.get(OutboxQueue);
    sender = m.get(OutboxSender);
    emailQueue = m.module.get<Queue>(getQueueToken(QUEUES.email));
    publicUrl = m.get(AppConfig).publicUrl;
  });
  afterAll(async () => {
    await m?.close();
    await mailbox?.close();
  });

  beforeEach(async () => {
    // Runs take their introductions and outbox rows with them, accounts the rest.
    await m.db.query(`DELETE FROM match_run`);
    await m.db.query(`DELETE FROM account`);
    await emailQueue.obliterate({ force: true });
    mailbox.messages.length = 0;
  });

  const row = async (id: string): Promise<OutboxDbRow> =>
    ((await m.db.query(
      `SELECT id, idempotency_key, kind, account_id, run_id, introduction_id, status, requeues, last_error, message_id, sent_at IS NOT NULL AS sent
       FROM email_outbox WHERE id = $1`,
      [id],
    )) as OutboxDbRow[])[0];
  const keys = async (): Promise<string[]> =>
    ((await m.db.query(`SELECT idempotency_key FROM email_outbox ORDER BY idempotency_key`)) as { idempotency_key: string }[]).map((r) => r.idempotency_key);
  const statusOf = async (introductionId: string): Promise<string> =>
    ((await m.db.query(`SELECT status FROM introduction WHERE id = $1`, [introductionId])) as { status: string }[])[0].status;
  const digestState = async (accountId: string) =>
    m.db.query(`SELECT unanswered_in_row FROM digest_state WHERE account_id = $1`, [accountId]) as Promise<{ unanswered_in_row: number }[]>;
  const waitingJobIds = async (): Promise<string[]> => (await emailQueue.getJobs(['waiting'])).map((j) => j.id!).sort();
  /** A header as sent (mailparser parses some, such as List-Unsubscribe-Post, away from `headers`). */
  const header = (mail: ParsedMail, name: string): string =>
    mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, '') ?? '';
  const recipientsOf = (mail: ParsedMail): string[] => (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address!));

  describe('insertOutbox', () => {
    it("writes rows in the caller's transaction and skips a key already there", async () => {
      const anna = await m.make.professional();
      const run = await m.make.matchRun();
      await m.db.transaction((tx) =>
        insertOutbox(tx, [
          { key: `digest:${run}:${anna.id}`, kind: 'digest', accountId: anna.id, runId: run },
          { key: `paused:${run}:${anna.id}`, kind: 'paused', accountId: anna.id, runId: run },
        ]),
      );
      const [{ id: digestId }] = (await m.db.query(`SELECT id FROM email_outbox WHERE kind = 'digest'`)) as { id: string }[];

      await m.db.transaction((tx) =>
        insertOutbox(tx, [
          { key: `digest:${run}:${anna.id}`, kind: 'digest', accountId: anna.id, runId: run },
          { key: `other:${anna.id}`, kind: 'connected', accountId: anna.id },
        ]),
      );
      expect(await keys()).toEqual([`digest:${run}:${anna.id}`, `other:${anna.id}`, `paused:${run}:${anna.id}`]);
      // The first row is the one kept.
      expect(await row(digestId)).toMatchObject({ kind: 'digest', account_id: anna.id, run_id: run, introduction_id: null, status: 'PENDING', requeues: 0 });

      // Rolled back with the caller's transaction.
      await expect(
        m.db.transaction(async (tx) => {
          await insertOutbox(tx, [{ key: 'rolled-back', kind: 'paused', accountId: anna.id }]);
          throw new Error('the caller fails');
        }),
      ).rejects.toThrow('the caller fails');
      expect(await keys()).not.toContain('rolled-back');
    });
  });

  describe('OutboxQueue', () => {
    it('enqueues the PENDING rows of a run, one job per row, however often asked', async () => {
      const [anna, bob] = [await m.make.professional(), await m.make.professional()];
      const run = await m.make.matchRun();
      const otherRun = await m.make.matchRun();
      const annas = await m.make.outbox({ accountId: anna.id, runId: run });
      const bobs = await m.make.outbox({ accountId: bob.id, runId: run });
      await m.make.outbox({ accountId: anna.id, runId: run, kind: 'paused', status: 'SENT' });
      await m.make.outbox({ accountId: anna.id, runId: otherRun });

      expect(await queue.enqueuePendingOf({ runId: run })).toBe(2);
      expect(await queue.enqueuePendingOf({ runId: run })).toBe(2);
      expect(await waitingJobIds()).toEqual([jobIds.outbox(annas, 0), jobIds.outbox(bobs, 0)].sort());
      expect((await emailQueue.getJob(jobIds.outbox(annas, 0)))?.data).toEqual({ outboxId: annas });
    });

    it('the relay takes the PENDING rows older than its age, and every one with age 0', async () => {
      const anna = await m.make.professional();
      const run = await m.make.matchRun();
      const old = await m.make.outbox({ accountId: anna.id, runId: run, createdAt: new Date(Date.now() - RELAY_AFTER_MS - 5_000) });
      const fresh = await m.make.outbox({ accountId: anna.id, runId: run, kind: 'paused' });
      await m.make.outbox({ accountId: anna.id, kind: 'connected', key: 'failed', status: 'FAILED', createdAt: new Date(Date.now() - 3_600_000) });

      expect(await queue.relay()).toBe(1);
      expect(await waitingJobIds()).toEqual([jobIds.outbox(old, 0)]);
      expect(await queue.relay(0)).toBe(2);
      expect(await waitingJobIds()).toEqual([jobIds.outbox(old, 0), jobIds.outbox(fresh, 0)].sort());
    });
  });

  describe('OutboxSender', () => {
    /** Anna's digest of a run: open with Bob and Carla; closed with Dirk (she said no); Bob–Carla and another run's are not hers. */
    async function digestScene() {
      const anna = await m.make.professional({ name: 'Anna Aalders' });
      const bob = await m.make.professional({ name: 'Bob Bakker' });
      const carla = await m.make.professional({ name: 'Carla Claes' });
      const dirk = await m.make.professional({ name: 'Dirk Dekker' });
      const eva = await m.make.professional({ name: 'Eva Evers' });
      const run = await m.make.matchRun();
      const otherRun = await m.make.matchRun();
      const intros = {
        bob: await m.make.introduction({ runId: run, a: anna.id, b: bob.id }),
        carla: await m.make.introduction({ runId: run, a: anna.id, b: carla.id, score: 0.9 }),
        dirk: await m.make.introduction({ runId: run, a: anna.id, b: dirk.id, status: 'DECLINED', answers: { [anna.id]: false } }),
        notHers: await m.make.introduction({ runId: run, a: bob.id, b: carla.id }),
        otherRun: await m.make.introduction({ runId: otherRun, a: anna.id, b: eva.id }),
      };
      const outboxId = await m.make.outbox({ accountId: anna.id, runId: run });
      return { anna, people: { bob, carla, dirk, eva }, run, intros, outboxId };
    }

    it("sends a digest of the recipient's open introductions of the run, marks it SENT and moves them on, exactly once", async () => {
      const { anna, people, intros, outboxId } = await digestScene();
      await m.make.digestState(anna.id, 1);

      expect(await sender.send(outboxId)).toBe('sent');
      expect(mailbox.messages).toHaveLength(1);
      const [mail] = mailbox.messages;
      expect(recipientsOf(mail)).toEqual([anna.email]);
      expect(mail.subject).toBe('2 nieuwe kennismakingen voor jou op Verbinder');
      expect(mail.text).toContain('Hallo Anna Aalders');
      expect(mail.text).toContain(people.bob.name);
      expect(mail.text).toContain(people.carla.name);
      expect(mail.text).not.toContain(people.dirk.name);
      expect(mail.text).not.toContain(people.eva.name);
      // A yes and a no link per suggestion, and the one-click unsubscribe header.
      expect(mail.text!.match(/answer=accept/g)).toHaveLength(2);
      expect(mail.text!.match(/answer=decline/g)).toHaveLength(2);
      expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(header(mail, 'list-unsubscribe')).toMatch(new RegExp(`^<${publicUrl}/email/unsubscribe\\?token=`));
      const sent = await row(outboxId);
      expect(sent).toMatchObject({ status: 'SENT', sent: true, message_id: messageIdFor(sent.idempotency_key, publicUrl) });
      expect(mail.messageId).toBe(sent.message_id);

      const statuses = async () => ({
        bob: await statusOf(intros.bob),
        carla: await statusOf(intros.carla),
        dirk: await statusOf(intros.dirk),
        notHers: await statusOf(intros.notHers),
        otherRun: await statusOf(intros.otherRun),
      });
      const after = { bob: 'SENT', carla: 'SENT', dirk: 'DECLINED', notHers: 'PROPOSED', otherRun: 'PROPOSED' };
      expect(await statuses()).toEqual(after);
      expect(await digestState(anna.id)).toEqual([{ unanswered_in_row: 2 }]);

      // Again (a retried job): nothing is sent or counted twice.
      expect(await sender.send(outboxId)).toBe('already-sent');
      expect(mailbox.messages).toHaveLength(1);
      expect(await statuses()).toEqual(after);
      expect(await digestState(anna.id)).toEqual([{ unanswered_in_row: 2 }]);
      expect(await row(outboxId)).toEqual(sent);
    });

    it("starts the digest counter of someone who had none", async () => {
      const { anna, outboxId } = await digestScene();
      expect(await digestState(anna.id)).toEqual([]);
      expect(await sender.send(outboxId)).toBe('sent');
      expect(await digestState(anna.id)).toEqual([{ unanswered_in_row: 1 }]);
    });

    it('skips a digest to someone who opted out: marked SENT, no message, nothing moved or counted', async () => {
      const optedOut = await m.make.professional({ optedIn: false });
      const bob = await m.make.professional();
      const run = await m.make.matchRun();
      const intro = await m.make.introduction({ runId: run, a: optedOut.id, b: bob.id });
      const outboxId = await m.make.outbox({ accountId: optedOut.id, runId: run });

      expect(await sender.send(outboxId)).toBe('skipped');
      expect(mailbox.messages).toHaveLength(0);
      expect(await row(outboxId)).toMatchObject({ status: 'SENT', sent: true, message_id: null });
      expect(await statusOf(intro)).toBe('PROPOSED');
      expect(await digestState(optedOut.id)).toEqual([]);
      expect(await sender.send(outboxId)).toBe('already-sent');
    });

    it('sends a connection email with the other person’s name and address', async () => {
      const anna = await m.make.professional({ name: 'Anna Aalders' });
      const bob = await m.make.professional({ name: 'Bob Bakker' });
      const intro = await m.make.introduction({ a: anna.id, b: bob.id, status: 'CONNECTED', answers: { [anna.id]: true, [bob.id]: true } });
      const outboxId = await m.make.outbox({ kind: 'connected', accountId: anna.id, introductionId: intro, key: `connected:${intro}:${anna.id}` });

      expect(await sender.send(outboxId)).toBe('sent');
      expect(mailbox.messages).toHaveLength(1);
      const [mail] = mailbox.messages;
      expect(recipientsOf(mail)).toEqual([anna.email]);
      expect(mail.subject).toBe('Kennismaking: Bob Bakker wil ook graag kennismaken');
      expect(mail.text).toContain(`Maak kennis met Bob Bakker`);
      expect(mail.text).toContain(bob.email);
      expect(await row(outboxId)).toMatchObject({ status: 'SENT', message_id: mail.messageId });
      expect(await statusOf(intro)).toBe('CONNECTED');
      expect(await sender.send(outboxId)).toBe('already-sent');
      expect(mailbox.messages).toHaveLength(1);
    });

    it('skips a connection email for an introduction that is not connected, and answers gone for an unknown row', async () => {
      const [anna, bob] = [await m.make.professional(), await m.make.professional()];
      const intro = await m.make.introduction({ a: anna.id, b: bob.id, status: 'ACCEPTED', answers: { [anna.id]: true } });
      const outboxId = await m.make.outbox({ kind: 'connected', accountId: anna.id, introductionId: intro });
      expect(await sender.send(outboxId)).toBe('skipped');
      expect(await row(outboxId)).toMatchObject({ status: 'SENT', message_id: null });
      expect(await sender.send('00000000-0000-4000-8000-000000000000')).toBe('gone');
      expect(mailbox.messages).toHaveLength(0);
    });
  });

  describe('failed rows', () => {
    async function failed(person: MadeProfessional, minutesAgo: number, key: string): Promise<string> {
      return m.make.outbox({ kind: 'paused', accountId: person.id, key, status: 'FAILED', lastError: 'SMTP 451', createdAt: new Date(Date.now() - minutesAgo * 60_000) });
    }

    it('a row out of retries is marked FAILED with its error; a SENT one is left alone', async () => {
      const anna = await m.make.professional();
      const pending = await m.make.outbox({ kind: 'paused', accountId: anna.id, key: 'pending' });
      const sent = await m.make.outbox({ kind: 'paused', accountId: anna.id, key: 'sent', status: 'SENT' });
      await markOutboxFailed(m.db, pending, new Error('connect ECONNREFUSED'));
      await markOutboxFailed(m.db, sent, new Error('late'));
      expect(await row(pending)).toMatchObject({ status: 'FAILED', last_error: 'connect ECONNREFUSED' });
      expect(await row(sent)).toMatchObject({ status: 'SENT', last_error: null });
    });

    it('are listed newest first, page by page', async () => {
      const anna = await m.make.professional();
      const newest = await failed(anna, 1, 'f1');
      const middle = await failed(anna, 2, 'f2');
      const oldest = await failed(anna, 3, 'f3');
      await m.make.outbox({ kind: 'paused', accountId: anna.id, key: 'pending' });

      const first = await queue.listFailed(2, null);
      expect(first).toMatchObject({ totalCount: 3, hasNextPage: true });
      expect(first.items.map((i) => [i.id, i.kind, i.accountId, i.lastError, i.requeues])).toEqual([
        [newest, 'paused', anna.id, 'SMTP 451', 0],
        [middle, 'paused', anna.id, 'SMTP 451', 0],
      ]);
      const second = await queue.listFailed(2, first.items[1].cursor);
      expect(second).toMatchObject({ totalCount: 3, hasNextPage: false });
      expect(second.items.map((i) => i.id)).toEqual([oldest]);
    });

    it('a retry puts the row back to PENDING with one more requeue and a new job; only a FAILED row', async () => {
      const anna = await m.make.professional();
      const id = await failed(anna, 1, 'f1');

      expect(await queue.retry(id)).toBe(true);
      expect(await row(id)).toMatchObject({ status: 'PENDING', requeues: 1, last_error: null });
      expect(await waitingJobIds()).toEqual([jobIds.outbox(id, 1)]);
      expect((await emailQueue.getJob(jobIds.outbox(id, 1)))?.data).toEqual({ outboxId: id });
      expect((await queue.listFailed(10, null)).totalCount).toBe(0);

      // Not FAILED (any more), unknown, or not an id: nothing happens.
      expect(await queue.retry(id)).toBe(false);
      expect(await queue.retry('00000000-0000-4000-8000-000000000000')).toBe(false);
      expect(await queue.retry('not-a-uuid')).toBe(false);
      expect(await row(id)).toMatchObject({ status: 'PENDING', requeues: 1 });
      expect(await waitingJobIds()).toEqual([jobIds.outbox(id, 1)]);

      // Failed again and retried again: the next job id, so BullMQ does not take it for the old one.
      await markOutboxFailed(m.db, id, new Error('SMTP 451 again'));
      expect(await queue.retry(id)).toBe(true);
      expect(await row(id)).toMatchObject({ status: 'PENDING', requeues: 2 });
      expect(await waitingJobIds()).toEqual([jobIds.outbox(id, 1), jobIds.outbox(id, 2)].sort());
    });
  });
});
