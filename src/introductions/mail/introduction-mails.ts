import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Locale } from '../../common/enums.js';
import { AppConfig } from '../../config/runtime-config.js';
import { type ComposedEmail, ComposesOutbox } from '../../mail/outbox/outbox-composer.js';
import type { OutboxRow } from '../../mail/outbox/outbox.repository.js';
import { render } from '../../mail/templates/render.js';
import type { MatchReason } from '../../matching/engine/types.js';
import { reasonsFor } from '../../matching/reasons.js';
import { EmailLinks } from '../email-links.js';
import { digestSent, PAUSE_AFTER_UNANSWERED } from '../introductions.repository.js';
import { openForViewerSql } from '../viewer-status.js';
import { CONNECTED } from './connected.template.js';
import { DIGEST, type DigestSuggestion } from './digest.template.js';
import { PAUSED } from './paused.template.js';

interface Recipient {
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

/** The emails of introductions, composed from an outbox row (mail/outbox/outbox-composer.ts). */
@Injectable()
export class IntroductionMails {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly links: EmailLinks,
    private readonly config: AppConfig,
  ) {}

  /** The suggestions of a run, with a yes and a no link each; sending it moves them PROPOSED → SENT and counts the digest. */
  @ComposesOutbox('digest')
  async digest(row: OutboxRow): Promise<ComposedEmail | null> {
    const to = await this.recipient(row.accountId);
    // Someone who opted out after the run gets nothing.
    if (!to?.opted_in) return null;
    // What the recipient may still answer, as they see it: one the other side already declined
    // (or accepted) is offered all the same, so the digest tells nothing of the other's answer.
    const rows = await this.suggestionsFor(`i.run_id = $2 AND ${openForViewerSql('i', '$1')}`, [row.accountId, row.runId]);
    if (rows.length === 0) return null;
    const unsubscribeLink = await this.links.url('unsubscribe', { acc: row.accountId });
    const suggestions: DigestSuggestion[] = [];
    for (const s of rows) {
      const side = s.a_id === row.accountId ? 'a' : 'b';
      const answer = await this.links.url('answer', { acc: row.accountId, intro: s.id }, s.expires_at);
      suggestions.push({
        counterpartName: s.counterpart_name,
        summary: summary(s),
        initiativeTitle: s.initiative_title,
        youAreNeeded: s.kind === 'INITIATIVE' && side === 'a',
        reasons: reasonsFor(s.reasons, side, to.locale).map((r) => r.text),
        acceptLink: `${answer}&answer=accept`,
        declineLink: `${answer}&answer=decline`,
      });
    }
    const data = {
      name: to.name,
      count: suggestions.length,
      plural: suggestions.length !== 1,
      expiresInDays: this.config.introductionExpiryDays,
      suggestions,
      unsubscribeLink,
    };
    return { to: to.email, ...render(DIGEST, to.locale, data), headers: headers(unsubscribeLink), sent: digestSent(row.runId!, row.accountId) };
  }

  /** Both said yes: the other's name and address. */
  @ComposesOutbox('connected')
  async connected(row: OutboxRow): Promise<ComposedEmail | null> {
    const to = await this.recipient(row.accountId);
    if (!to) return null;
    const [s] = await this.suggestionsFor(`i.id = $2 AND i.status = 'CONNECTED'`, [row.accountId, row.introductionId]);
    if (!s) return null;
    const unsubscribeLink = await this.links.url('unsubscribe', { acc: row.accountId });
    const side = s.a_id === row.accountId ? 'a' : 'b';
    return {
      to: to.email,
      ...render(CONNECTED, to.locale, {
        name: to.name,
        counterpartName: s.counterpart_name,
        counterpartEmail: s.counterpart_email,
        summary: summary(s),
        initiativeTitle: s.initiative_title,
        reasons: reasonsFor(s.reasons, side, to.locale).map((r) => r.text),
        introductionsLink: `${this.config.publicUrl}/kennismakingen`,
        unsubscribeLink,
      }),
      headers: headers(unsubscribeLink),
    };
  }

  /** Paused after PAUSE_AFTER_UNANSWERED unanswered digests: how to resume. */
  @ComposesOutbox('paused')
  async paused(row: OutboxRow): Promise<ComposedEmail | null> {
    const to = await this.recipient(row.accountId);
    if (!to) return null;
    const unsubscribeLink = await this.links.url('unsubscribe', { acc: row.accountId });
    const resumeLink = await this.links.url('resume', { acc: row.accountId });
    return {
      to: to.email,
      ...render(PAUSED, to.locale, { name: to.name, digests: PAUSE_AFTER_UNANSWERED, resumeLink, unsubscribeLink }),
      headers: headers(unsubscribeLink),
    };
  }

  private async recipient(accountId: string): Promise<Recipient | null> {
    const [row]: Recipient[] = await this.db.query(
      `SELECT a.email, a.locale, a.opted_in, p.name FROM account a JOIN professional p ON p.id = a.id WHERE a.id = $1`,
      [accountId],
    );
    return row ?? null;
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

/** RFC 8058: mail clients show an unsubscribe button that POSTs to this URL, without signing in. */
function headers(unsubscribeLink: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeLink}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

function summary(s: Pick<SuggestionRow, 'headline' | 'organisation' | 'place'>): string {
  return [s.headline, s.organisation, s.place].filter((part) => part && part.trim()).join(' · ');
}
