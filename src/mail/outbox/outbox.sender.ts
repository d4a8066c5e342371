import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Locale } from '../../common/enums.js';
import { AppConfig } from '../../config/runtime-config.js';
import { EmailLinks } from '../../introductions/email-links.js';
import { openForViewerSql } from '../../introductions/viewer-status.js';
import { PAUSE_AFTER_UNANSWERED } from '../../matching/runs/match-run.executor.js';
import type { MatchReason } from '../../matching/engine/types.js';
import { reasonsFor } from '../../matching/reasons.js';
import type { MailMessage } from '../mail-message.js';
import { MailService } from '../mail.service.js';
import { CONNECTED } from '../templates/connected.template.js';
import { DIGEST, type DigestSuggestion } from '../templates/digest.template.js';
import { PAUSED } from '../templates/paused.template.js';
import { render } from '../templates/render.js';
import type { OutboxKind } from './outbox.repository.js';

interface OutboxRow {
  id: string;
  idempotency_key: string;
  kind: OutboxKind;
  status: 'PENDING' | 'SENT' | 'FAILED';
  account_id: string;
  run_id: string | null;
  introduction_id: string | null;
  email: string;
  locale: Locale;
  opted_in: boolean;
  name: string;
}

interface SuggestionRow {
  id: string;
  kind: 'PEER' | 'INITIATIVE';
  a_id: string;
  reasons: MatchReason[];
  expires_at: Date;
  counterpart_name: string;
  counterpart_email: string;
  headline: string | null;
  organisation: string | null;
  place: string | null;
  initiative_title: string | null;
}

export type SendOutcome = 'sent' | 'skipped' | 'already-sent' | 'gone';

/**
 * The SENT mark and what a sent digest changes (its introductions PROPOSED → SENT, the
 * recipient's unanswered-digest counter), in one statement: PostgreSQL runs every
 * data-modifying part of a WITH exactly once, atomically, and the parts after the first act
 * only when the row was not marked before. $1 outbox id, $2 Message-ID (null: nothing sent),
 * $3 a digest was sent, $4 its run, $5 its recipient.
 */
const MARK_SENT = `
  WITH marked AS (
    UPDATE email_outbox SET status = 'SENT', sent_at = now(), message_id = $2::text, last_error = NULL
    WHERE id = $1::uuid AND status <> 'SENT' RETURNING id
  ), introductions AS (
    UPDATE introduction SET status = 'SENT', updated_at = now()
    WHERE $3::boolean AND EXISTS (SELECT 1 FROM marked) AND run_id = $4::uuid AND status = 'PROPOSED' AND (a_id = $5::uuid OR b_id = $5::uuid)
  )
  INSERT INTO digest_state (account_id, unanswered_in_row, last_digest_at)
  SELECT $5::uuid, 1, now() WHERE $3::boolean AND EXISTS (SELECT 1 FROM marked)
  ON CONFLICT (account_id) DO UPDATE SET unanswered_in_row = digest_state.unanswered_in_row + 1, last_digest_at = now()`;

/**
 * Sends one outbox row: compose, hand to SMTP, then mark SENT (with what sending changes:
 * introductions PROPOSED → SENT, the digest counter) in one statement (MARK_SENT).
 *
 * Exactly once: a row marked SENT is never sent again, and each message carries a Message-ID
 * derived from the row's idempotency key. The window that remains: a crash after the SMTP
 * server accepted the message and before the SENT mark commits (milliseconds). The retry then
 * sends a message with the same Message-ID, which receiving systems and mail clients treat as
 * the same message (and the test SMTP server counts once); SMTP offers no way to ask a relay
 * whether it already has a message, so this cannot be closed from here. At most the sends a
 * worker has in flight (SMTP_CONNECTIONS) can be caught so; the mark is one statement, one
 * round trip, to keep each message's share of the window as short as it can be.
 */
@Injectable()
export class OutboxSender {
  private readonly logger = new Logger(OutboxSender.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailService,
    private readonly links: EmailLinks,
    private readonly config: AppConfig,
  ) {}

  async send(outboxId: string): Promise<SendOutcome> {
    const [row]: OutboxRow[] = await this.db.query(
      `SELECT o.id, o.idempotency_key, o.kind, o.status, o.account_id, o.run_id, o.introduction_id, a.email, a.locale, a.opted_in, p.name
       FROM email_outbox o JOIN account a ON a.id = o.account_id JOIN professional p ON p.id = a.id WHERE o.id = $1`,
      [outboxId],
    );
    if (!row) return 'gone';
    if (row.status === 'SENT') return 'already-sent';
    const composed = await this.compose(row);
    const messageId = messageIdFor(row.idempotency_key, this.config.publicUrl);
    if (composed) await this.mail.send({ ...composed, to: row.email, messageId });
    await this.db.query(MARK_SENT, [row.id, composed ? messageId : null, composed !== null && row.kind === 'digest', row.run_id, row.account_id]);
    this.logger.log({ msg: composed ? 'email sent' : 'email skipped: nothing to say', outboxId, kind: row.kind, messageId });
    return composed ? 'sent' : 'skipped';
  }

  /** The message for a row, or null when there is nothing (left) to say. */
  private async compose(row: OutboxRow): Promise<Omit<MailMessage, 'to' | 'messageId'> | null> {
    const unsubscribeLink = await this.links.url('unsubscribe', { acc: row.account_id });
    // RFC 8058: mail clients show an unsubscribe button that POSTs to this URL, without signing in.
    const headers = { 'List-Unsubscribe': `<${unsubscribeLink}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
    if (row.kind === 'paused') {
      const resumeLink = await this.links.url('resume', { acc: row.account_id });
      return { ...render(PAUSED, row.locale, { name: row.name, digests: PAUSE_AFTER_UNANSWERED, resumeLink, unsubscribeLink }), headers };
    }
    if (row.kind === 'digest') {
      // Someone who opted out after the run gets nothing.
      if (!row.opted_in) return null;
      // What the recipient may still answer, as they see it: one the other side already declined
      // (or accepted) is offered all the same, so the digest tells nothing of the other's answer.
      const rows = await this.suggestionsFor(`i.run_id = $2 AND ${openForViewerSql('i', '$1')}`, [row.account_id, row.run_id]);
      if (rows.length === 0) return null;
      const suggestions: DigestSuggestion[] = [];
      for (const s of rows) {
        const side = s.a_id === row.account_id ? 'a' : 'b';
        const answer = await this.links.url('answer', { acc: row.account_id, intro: s.id }, s.expires_at);
        suggestions.push({
          counterpartName: s.counterpart_name,
          summary: summary(s),
          initiativeTitle: s.initiative_title,
          youAreNeeded: s.kind === 'INITIATIVE' && side === 'a',
          reasons: reasonsFor(s.reasons, side, row.locale).map((r) => r.text),
          acceptLink: `${answer}&answer=accept`,
          declineLink: `${answer}&answer=decline`,
        });
      }
      const data = {
        name: row.name,
        count: suggestions.length,
        plural: suggestions.length !== 1,
        expiresInDays: this.config.introductionExpiryDays,
        suggestions,
        unsubscribeLink,
      };
      return { ...render(DIGEST, row.locale, data), headers };
    }
    const [s] = await this.suggestionsFor(`i.id = $2 AND i.status = 'CONNECTED'`, [row.account_id, row.introduction_id]);
    if (!s) return null;
    const side = s.a_id === row.account_id ? 'a' : 'b';
    return {
      ...render(CONNECTED, row.locale, {
        name: row.name,
        counterpartName: s.counterpart_name,
        counterpartEmail: s.counterpart_email,
        summary: summary(s),
        initiativeTitle: s.initiative_title,
        reasons: reasonsFor(s.reasons, side, row.locale).map((r) => r.text),
        unsubscribeLink,
      }),
      headers,
    };
  }

  /** Introductions of the recipient ($1) matching a condition, seen from the recipient, best first. */
  private suggestionsFor(where: string, params: unknown[]): Promise<SuggestionRow[]> {
    return this.db.query(
      `SELECT i.id, i.kind, i.a_id, i.reasons, i.expires_at, c.name AS counterpart_name, ca.email AS counterpart_email,
              c.headline, c.organisation, m.name AS place, n.title AS initiative_title
       FROM introduction i
       JOIN professional c ON c.id = CASE WHEN i.a_id = $1 THEN i.b_id ELSE i.a_id END
       JOIN account ca ON ca.id = c.id
       LEFT JOIN municipality m ON m.code = c.municipality_code
       LEFT JOIN initiative n ON n.id = i.initiative_id
       WHERE (i.a_id = $1 OR i.b_id = $1) AND ${where}
       ORDER BY i.score DESC, i.id`,
      params,
    );
  }
}

/** A stable, unique Message-ID per idempotency key. */
export function messageIdFor(key: string, publicUrl: string): string {
  const host = new URL(publicUrl).hostname || 'verbinder.local';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${host}>`;
}

function summary(s: Pick<SuggestionRow, 'headline' | 'organisation' | 'place'>): string {
  return [s.headline, s.organisation, s.place].filter((part) => part && part.trim()).join(' · ');
}
