// What an outbox row says is its owning feature's business: each kind of row has one composer,
// a method marked @ComposesOutbox(kind) in a provider of the worker (introductions composes
// digests, connections and pause notices). The sender (outbox.sender.ts) loads a row, asks its
// kind's composer for the message, sends it and marks the row SENT; a worker refuses to start
// unless every kind has exactly one composer.
import type { MailMessage } from '../mail-message.js';
import type { OutboxKind, OutboxRow } from './outbox.repository.js';

/**
 * What sending a message changes in its feature's tables, as data-modifying statements that the
 * SENT mark runs in its own statement (WITH …): so they happen exactly once, with the mark, and
 * never for a row marked before. Each statement must hold `when` in its WHERE (it is true only
 * if the row was marked now); values go in as `param(value)`, which answers a placeholder ($n).
 */
export type SentEffects = (sql: { when: string; param: (value: unknown) => string }) => string[];

/** A message for one outbox row: recipient, subject, text, HTML, headers; and what sending it changes. */
export interface ComposedEmail extends Omit<MailMessage, 'messageId'> {
  sent?: SentEffects;
}

/** Answers the message of a row, or null when there is nothing (left) to say: the row is marked SENT unsent. */
export type OutboxComposer = (row: OutboxRow) => Promise<ComposedEmail | null>;

export const COMPOSES_OUTBOX = 'verbinder:composes-outbox';

/** Marks the composer of a kind of outbox row. */
export function ComposesOutbox(kind: OutboxKind) {
  return <C extends OutboxComposer>(_target: object, _key: string | symbol, descriptor: TypedPropertyDescriptor<C>): void => {
    Reflect.defineMetadata(COMPOSES_OUTBOX, kind, descriptor.value!);
  };
}

/** Why a worker does not start: a kind of outbox row without a composer, or with more than one. */
export class OutboxComposerError extends Error {
  override readonly name = 'OutboxComposerError';
}
