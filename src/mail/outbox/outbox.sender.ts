import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { discoverMethods } from '../../common/method-discovery.js';
import { AppConfig } from '../../config/runtime-config.js';
import { MailService } from '../mail.service.js';
import { COMPOSES_OUTBOX, type OutboxComposer, OutboxComposerError } from './outbox-composer.js';
import { loadOutbox, markOutboxSent, OUTBOX_KINDS, type OutboxKind } from './outbox.repository.js';

export type SendOutcome = 'sent' | 'skipped' | 'already-sent' | 'gone';

/**
 * Sends one outbox row: the composer of its kind writes the message (outbox-composer.ts), SMTP
 * takes it, then the row is marked SENT together with what sending changes (for a digest: its
 * introductions PROPOSED → SENT, the digest counter) in one statement (markOutboxSent).
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
export class OutboxSender implements OnModuleInit {
  private readonly logger = new Logger(OutboxSender.name);
  private composers: Map<OutboxKind, OutboxComposer> | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailService,
    private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  /** Every kind has exactly one composer among the worker's providers, or the worker does not start. */
  onModuleInit(): void {
    this.composerOf(OUTBOX_KINDS[0]);
  }

  async send(outboxId: string): Promise<SendOutcome> {
    const row = await loadOutbox(this.db, outboxId);
    if (!row) return 'gone';
    if (row.status === 'SENT') return 'already-sent';
    const composed = await this.composerOf(row.kind)(row);
    const messageId = messageIdFor(row.idempotencyKey, this.config.publicUrl);
    if (composed) await this.mail.send({ ...composed, messageId });
    await markOutboxSent(this.db, row.id, composed ? messageId : null, composed?.sent);
    this.logger.log({ msg: composed ? 'email sent' : 'email skipped: nothing to say', outboxId, kind: row.kind, messageId });
    return composed ? 'sent' : 'skipped';
  }

  /** Found on first use (a job may come before this provider's onModuleInit), checked whole. */
  private composerOf(kind: OutboxKind): OutboxComposer {
    if (!this.composers) {
      const found = discoverMethods<OutboxKind>(this.discovery, this.scanner, COMPOSES_OUTBOX);
      const problems: string[] = [];
      for (const k of OUTBOX_KINDS) {
        const of = found.filter((c) => c.meta === k);
        if (of.length === 0) problems.push(`outbox kind "${k}" has no composer (@ComposesOutbox('${k}') in a provider of the worker)`);
        if (of.length > 1) problems.push(`outbox kind "${k}" has ${of.length} composers: ${of.map((c) => c.where).join(', ')}`);
      }
      if (problems.length > 0) throw new OutboxComposerError(`The worker cannot start: ${problems.join('; ')}`);
      this.composers = new Map(found.map((c) => [c.meta, c.call as unknown as OutboxComposer]));
    }
    return this.composers.get(kind)!;
  }
}

/** A stable, unique Message-ID per idempotency key. */
export function messageIdFor(key: string, publicUrl: string): string {
  const host = new URL(publicUrl).hostname || 'verbinder.local';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${host}>`;
}
