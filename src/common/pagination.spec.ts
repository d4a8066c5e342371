import { describe, expect, it } from '@jest/globals';
import { decodeCursor, decodeTimeIdCursor, encodeCursor, MAX_PAGE_SIZE, pageSize } from './pagination.js';

describe('cursors', () => {
  it('round-trip a key', () => {
    const cursor = encodeCursor(['2026-01-01T00:00:00.000Z', 'abc']);
    expect(decodeCursor(cursor, ['string', 'string'] as const)).toEqual(['2026-01-01T00:00:00.000Z', 'abc']);
  });

  it.each(['', 'not-base64!', encodeCursor(['a']), encodeCursor([1, 'b']), Buffer.from('{"a":1}').toString('base64url')])(
    'reject malformed cursor %p with BAD_USER_INPUT',
    (cursor) => {
      expect(() => decodeCursor(cursor, ['string', 'string'] as const)).toThrow(/Invalid cursor/);
    },
  );
});

describe('pageSize', () => {
  it('defaults to 20 and caps at the maximum', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(MAX_PAGE_SIZE)).toBe(MAX_PAGE_SIZE);
    expect(() => pageSize(MAX_PAGE_SIZE + 1)).toThrow(/first must be between/);
    expect(() => pageSize(-1)).toThrow(/first must be between/);
  });
});

describe('decodeTimeIdCursor', () => {
  it('reads back a (timestamp, uuid) cursor and refuses one whose parts are not', () => {
    const id = '00000000-0000-4000-8000-000000000001';
    expect(decodeTimeIdCursor(encodeCursor(['2026-11-29T10:00:00.123456Z', id]))).toEqual({ at: '2026-11-29T10:00:00.123456Z', id });
    expect(() => decodeTimeIdCursor(encodeCursor(['yesterday', id]))).toThrow('Invalid cursor');
    expect(() => decodeTimeIdCursor(encodeCursor(['2026-11-29T10:00:00Z', 'not-a-uuid']))).toThrow('Invalid cursor');
  });
});
