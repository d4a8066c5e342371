import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccountsService } from '../auth/accounts.service.js';
import { Conflict, InvalidInput, NotFound } from '../common/domain-error.js';
import type { Locale } from '../common/enums.js';
import { isUuid } from '../common/ids.js';
import { type InitiativeRecord, InitiativesService } from '../initiatives/initiatives.service.js';
import { decodeTimeIdCursor, encodeCursor, pageSize } from '../common/pagination.js';
import { insertOutbox } from '../mail/outbox/outbox.repository.js';
import { OutboxQueue } from '../mail/outbox/outbox.queue.js';
import type { MatchReason } from '../matching/engine/types.js';
import { type ProfessionalRecord, ProfessionalsService } from '../professionals/professionals.service.js';
import { type ReasonView, reasonsFor } from '../matching/reasons.js';
import type { IntroductionStatus } from './dto/introduction.types.js';
import { ownAnswerSql, viewerStatusSql } from './viewer-status.js';

export const MAX_COMMENT_LENGTH = 1000;

/** An introduction as one participant sees it. */
export interface IntroductionView {
  id: string;
  kind: 'PEER' | 'INITIATIVE';
  counterpartId: string;
  initiativeId: string | null;
  score: number;
  /** The reasons this participant reads, in their language. */
  reasons: ReasonView[];
  status: IntroductionStatus;
  createdAt: Date;
  counterpartEmail: string | null;
  /** The participant's own answer: true, false, or null while they have not answered. */
  ownAnswer: boolean | null;
  /** The participant's own rating (rateIntroduction), or null. */
  ownUseful: boolean | null;
  cursor: string;
}

export interface AnswerPageView {
  view: IntroductionView;
  /** The reader's (the participant's) language. */
  locale: Locale;
  counterpart: { name: string; organisation: string | null };
}

interface ViewRow {
  id: string;
  kind: 'PEER' | 'INITIATIVE';
  a_id: string;
  b_id: string;
  initiative_id: string | null;
  score: number;
  reasons: MatchReason[];
  viewer_status: IntroductionStatus;
  created_at: Date;
  counterpart_email: string;
  locale: Locale;
  own_answer: boolean | null;
  own_useful: boolean | null;
}

const VIEW_SELECT = `
  SELECT i.id, i.kind, i.a_id, i.b_id, i.initiative_id, i.score, i.reasons, i.created_at,
         ${viewerStatusSql('i', '$1')} AS viewer_status, ${ownAnswerSql('i', '$1')} AS own_answer,
         (CASE WHEN i.a_id = $1 THEN i.a_useful ELSE i.b_useful END) AS own_useful,
         ca.email AS counterpart_email, va.locale
  FROM introduction i
  JOIN account ca ON ca.id = CASE WHEN i.a_id = $1 THEN i.b_id ELSE i.a_id END
  JOIN account va ON va.id = $1
  WHERE (i.a_id = $1 OR i.b_id = $1)`;

/** Answers (double opt-in), ratings and the list of someone's introductions; email links use the same paths. */
@Injectable()
export class IntroductionsService {
  private readonly logger = new Logger(IntroductionsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxQueue,
    private readonly accounts: AccountsService,
    private readonly professionals: ProfessionalsService,
    private readonly initiatives: InitiativesService,
  ) {}

  async list(
    accountId: string,
    status: IntroductionStatus | null,
    first: number,
    after: string | null,
  ): Promise<{ items: IntroductionView[]; hasNextPage: boolean; totalCount: number }> {
    const size = pageSize(first);
    const key = after ? decodeTimeIdCursor(after) : null;
    const rows: ViewRow[] = await this.db.query(
      `SELECT * FROM (${VIEW_SELECT}) v
       WHERE ($2::text IS NULL OR v.viewer_status = $2) AND ($3::timestamptz IS NULL OR (v.created_at, v.id) < ($3::timestamptz, $4::uuid))
       ORDER BY v.created_at DESC, v.id DESC LIMIT $5`,
      [accountId, status, key?.at ?? null, key?.id ?? null, size + 1],
    );
    const [{ n }]: { n: string }[] = await this.db.query(
      `SELECT count(*) AS n FROM (${VIEW_SELECT}) v WHERE ($2::text IS NULL OR v.viewer_status = $2)`,
      [accountId, status],
    );
    return { items: rows.slice(0, size).map((r) => toView(r, accountId)), hasNextPage: rows.length > size, totalCount: Number(n) };
  }

  async get(accountId: string, id: string): Promise<IntroductionView> {
    return toView(await this.viewRow(accountId, id), accountId);
  }

  /** An introduction with whom it is with and the reader's language: for the pages behind the emailed links. */
  async forAnswerPage(accountId: string, id: string): Promise<AnswerPageView> {
    const row = await this.viewRow(accountId, id);
    const view = toView(row, accountId);
    const counterpart = await this.professionals.require(view.counterpartId);
    return { view, locale: row.locale, counterpart: { name: counterpart.name, organisation: counterpart.organisation } };
  }

  private async viewRow(accountId: string, id: string): Promise<ViewRow> {
    const [row]: ViewRow[] = isUuid(id) ? await this.db.query(`${VIEW_SELECT} AND i.id = $2`, [accountId, id]) : [];
    // Someone else's introduction is as unknown as a missing one.
    if (!row) throw new NotFound(`No introduction with id ${id}`, { id });
    return row;
  }

  /**
   * Records one participant's answer, once. Both yes → CONNECTED, and each gets one email
   * with the other's name and address (outbox rows in the same transaction). A no → DECLINED;
   * the other side is never told (see viewerStatusSql).
   */
  async respond(accountId: string, id: string, accept: boolean): Promise<IntroductionView> {
    const connected = await this.db.transaction(async (tx) => {
      const [intro]: { id: string; a_id: string; b_id: string; status: string; a_answer: boolean | null; b_answer: boolean | null; expired: boolean }[] =
        isUuid(id)
          ? await tx.query(
              `SELECT id, a_id, b_id, status, a_answer, b_answer, expires_at < now() AS expired FROM introduction
               WHERE id = $1 AND (a_id = $2 OR b_id = $2) FOR UPDATE`,
              [id, accountId],
            )
          : [];
      if (!intro) throw new NotFound(`No introduction with id ${id}`, { id });
      const side = intro.a_id === accountId ? 'a' : 'b';
      const own = side === 'a' ? intro.a_answer : intro.b_answer;
      const other = side === 'a' ? intro.b_answer : intro.a_answer;
      if (own !== null) throw new Conflict('You already answered this introduction');
      if (intro.status === 'EXPIRED' || intro.expired) throw new Conflict('This introduction has expired');
      const status = intro.status === 'DECLINED' || !accept ? 'DECLINED' : other === true ? 'CONNECTED' : 'ACCEPTED';
      await tx.query(
        `UPDATE introduction SET ${side}_answer = $2, ${side}_answered_at = now(), status = $3::introduction_status, updated_at = now(),
           connected_at = CASE WHEN $3 = 'CONNECTED' THEN now() ELSE connected_at END
         WHERE id = $1`,
        [id, accept, status],
      );
      // Answering, yes or no, shows the digests are read.
      await tx.query(`UPDATE digest_state SET unanswered_in_row = 0 WHERE account_id = $1`, [accountId]);
      if (status === 'CONNECTED') {
        await insertOutbox(tx, [
          { key: `connected:${id}:${intro.a_id}`, kind: 'connected', accountId: intro.a_id, introductionId: id },
          { key: `connected:${id}:${intro.b_id}`, kind: 'connected', accountId: intro.b_id, introductionId: id },
        ]);
      }
      return status === 'CONNECTED';
    });
    this.logger.log({ msg: 'introduction answered', introductionId: id, accept, connected });
    if (connected) await this.outbox.enqueuePendingOf({ introductionId: id });
    return this.get(accountId, id);
  }

  /** Counterparts and initiatives of a page of introductions, in two queries. */
  async related(items: readonly IntroductionView[]): Promise<{ people: Map<string, ProfessionalRecord>; initiatives: Map<string, InitiativeRecord> }> {
    const personIds = [...new Set(items.map((i) => i.counterpartId))];
    const initiativeIds = [...new Set(items.flatMap((i) => (i.initiativeId ? [i.initiativeId] : [])))];
    const people = await this.professionals.byIds(personIds);
    const initiatives = await this.initiatives.byIds(initiativeIds);
    return { people: new Map(people.map((p) => [p.id, p])), initiatives: new Map(initiatives.map((i) => [i.id, i])) };
  }

  /** Whether a connection was useful; participants of a CONNECTED introduction only, and they may change it. */
  async rate(accountId: string, id: string, useful: boolean, comment: string | null): Promise<IntroductionView> {
    const text = comment?.trim() || null;
    if (text && text.length > MAX_COMMENT_LENGTH) {
      throw new InvalidInput(`comment must be at most ${MAX_COMMENT_LENGTH} characters`, { field: 'comment' });
    }
    const view = await this.get(accountId, id);
    if (view.status !== 'CONNECTED') throw new Conflict('Only an introduction where you both said yes can be rated');
    await this.db.query(
      `UPDATE introduction SET
         a_useful = CASE WHEN a_id = $2 THEN $3 ELSE a_useful END, a_comment = CASE WHEN a_id = $2 THEN $4 ELSE a_comment END,
         b_useful = CASE WHEN b_id = $2 THEN $3 ELSE b_useful END, b_comment = CASE WHEN b_id = $2 THEN $4 ELSE b_comment END,
         updated_at = now()
       WHERE id = $1`,
      [id, accountId, useful, text],
    );
    return { ...view, ownUseful: useful };
  }

  /** One-click unsubscribe (RFC 8058): no more digests. */
  async unsubscribe(accountId: string): Promise<void> {
    await this.accounts.optOut(accountId);
    this.logger.log({ msg: 'unsubscribed by email link', accountId });
  }

  /** One-click resume after a pause for unanswered digests. */
  async resume(accountId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.accounts.resumeDigests(tx, accountId);
      await tx.query(`UPDATE digest_state SET unanswered_in_row = 0 WHERE account_id = $1`, [accountId]);
    });
    this.logger.log({ msg: 'digests resumed by email link', accountId });
  }
}

function toView(r: ViewRow, viewer: string): IntroductionView {
  const side = r.a_id === viewer ? 'a' : 'b';
  return {
    id: r.id,
    kind: r.kind,
    counterpartId: side === 'a' ? r.b_id : r.a_id,
    initiativeId: r.initiative_id,
    score: r.score,
    reasons: reasonsFor(r.reasons, side, r.locale),
    status: r.viewer_status,
    createdAt: r.created_at,
    counterpartEmail: r.viewer_status === 'CONNECTED' ? r.counterpart_email : null,
    ownAnswer: r.own_answer,
    ownUseful: r.own_useful,
    cursor: encodeCursor([r.created_at.toISOString(), r.id]),
  };
}

/** Suggestions nobody answered in time; run hourly by the maintenance queue. */
export async function expireIntroductions(db: DataSource): Promise<number> {
  const [, expired]: [unknown[], number] = await db.query(
    `UPDATE introduction SET status = 'EXPIRED', updated_at = now()
     WHERE status IN ('PROPOSED', 'SENT', 'ACCEPTED') AND expires_at < now()`,
  );
  return expired;
}
