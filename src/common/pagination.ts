// Relay-style cursor pagination: opaque cursors that encode the sort key of the last
// row, so pages stay stable when rows are inserted before them. A cursor is client input:
// each part is checked strictly here, so that PostgreSQL never sees a value it would
// refuse (an internal error) and every bad cursor is BAD_USER_INPUT.
import { InvalidInput } from './domain-error.js';
import { isUuid } from './ids.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new InvalidInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, { field: 'first', value: first });
  }
  return size;
}

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

const invalidCursor = (cursor: string): InvalidInput => new InvalidInput('Invalid cursor', { field: 'after', value: cursor });

/** Decodes a cursor made by encodeCursor whose key has the given element types (numbers finite). */
export function decodeCursor<T extends readonly ('string' | 'number')[]>(
  cursor: string,
  types: T,
): { [K in keyof T]: T[K] extends 'number' ? number : string } {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor(cursor);
  }
  const valid = (v: unknown, i: number): boolean => typeof v === types[i] && (typeof v !== 'number' || Number.isFinite(v));
  if (Array.isArray(key) && key.length === types.length && key.every(valid)) {
    return key as { [K in keyof T]: T[K] extends 'number' ? number : string };
  }
  throw invalidCursor(cursor);
}

/**
 * A timestamp as the cursors hold it: ISO 8601 (`2026-11-29T10:00:00.123456Z`, from
 * toISOString or to_char) or PostgreSQL's text form (`2026-11-29 11:00:00.123456+01`), with
 * a real date and time of day. Date.parse is no check: it reads "1" as the year 2001.
 */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-](\d{2})(?::?(\d{2}))?)$/;

export function isTimestamp(text: string): boolean {
  const parts = TIMESTAMP.exec(text);
  if (!parts) return false;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number);
  const [offsetHours, offsetMinutes] = [Number(parts[7] ?? 0), Number(parts[8] ?? 0)];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second &&
    offsetHours <= 15 &&
    offsetMinutes < 60
  );
}

/** PostgreSQL's text form of a `real` that is not negative, e.g. `0.0607927` or `1e-20`. */
const NON_NEGATIVE_REAL = /^\d+(\.\d+)?(e[+-]?\d+)?$/;

/** Whether PostgreSQL takes `text` as a `real`: neither overflowing nor underflowing to 0 in 32 bits. */
export function isReal(text: string): boolean {
  if (!NON_NEGATIVE_REAL.test(text)) return false;
  const value = Number(text);
  const single = Math.fround(value);
  return Number.isFinite(single) && (single !== 0 || value === 0);
}

/** The cursor of a newest-first list ordered by (timestamp, uuid): both parts checked. */
export function decodeTimeIdCursor(cursor: string): { at: string; id: string } {
  const [at, id] = decodeCursor(cursor, ['string', 'string'] as const);
  if (!isTimestamp(at) || !isUuid(id)) throw invalidCursor(cursor);
  return { at, id };
}

/** The cursor of a list ordered by (a `real` such as a text rank, uuid), the real as text: both parts checked. */
export function decodeRealIdCursor(cursor: string): { value: string; id: string } {
  const [value, id] = decodeCursor(cursor, ['string', 'string'] as const);
  if (!isReal(value) || !isUuid(id)) throw invalidCursor(cursor);
  return { value, id };
}
