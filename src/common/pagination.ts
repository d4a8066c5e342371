// Relay-style cursor pagination: opaque cursors that encode the sort key of the last
// row, so pages stay stable when rows are inserted before them.
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

/** Decodes a cursor made by encodeCursor whose key has the given element types. */
export function decodeCursor<T extends readonly ('string' | 'number')[]>(
  cursor: string,
  types: T,
): { [K in keyof T]: T[K] extends 'number' ? number : string } {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === types.length && key.every((v, i) => typeof v === types[i])) {
      return key as { [K in keyof T]: T[K] extends 'number' ? number : string };
    }
  } catch {
    // fall through: any malformed cursor gives the same error
  }
  throw new InvalidInput('Invalid cursor', { field: 'after', value: cursor });
}

/** The cursor of a newest-first list ordered by (timestamp, uuid): both parts checked. */
export function decodeTimeIdCursor(cursor: string): { at: string; id: string } {
  const [at, id] = decodeCursor(cursor, ['string', 'string'] as const);
  if (Number.isNaN(Date.parse(at)) || !isUuid(id)) throw new InvalidInput('Invalid cursor', { field: 'after', value: cursor });
  return { at, id };
}
