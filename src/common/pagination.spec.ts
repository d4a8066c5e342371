import { describe, expect, it } from '@jest/globals';
import { decodeCursor, decodeRealIdCursor, decodeTimeIdCursor, encodeCursor, isReal, isTimestamp, MAX_PAGE_SIZE, pageSize } from './pagination.js';

describe('cursors', () => {
  it('round-trip a key', () => {
    const cursor = encodeCursor(['2026-01-01T00:00:00.000Z', 'abc']);
    expect(decodeCursor(cursor, ['string', 'string'] as const)).toEqual(['2026-01-01T00:00:00.000Z', 'abc']);
  });

  it.each(['', 'not-base64!', encodeCursor(['a']), encodeCursor([1, 'b']), Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1e999,"b"]').toString('base64url')])(
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
    expect(() => decodeTimeIdCursor(encodeCursor(['1', id]))).toThrow('Invalid cursor');
    expect(() => decodeTimeIdCursor(encodeCursor(['2020-13-45 99:99:99+00', id]))).toThrow('Invalid cursor');
    expect(() => decodeTimeIdCursor(encodeCursor(['2026-11-29T10:00:00Z', 'not-a-uuid']))).toThrow('Invalid cursor');
  });
});

describe('isTimestamp', () => {
  it.each(['2026-11-29T10:00:00.123456Z', '2026-11-29T10:00:00.123Z', '2026-11-29 11:00:00.123456+01', '2026-11-29 11:00:00+05:30', '2024-02-29 00:00:00+00'])(
    'takes %p',
    (text) => expect(isTimestamp(text)).toBe(true),
  );

  it.each(['2020-13-45 99:99:99+00', '1', '1e999', 'yesterday', '2023-02-29 10:00:00+00', '2026-11-29 24:00:00+00', '2026-11-29 10:00:60Z', '2026-11-29 10:00:00+16', '2026-11-29T10:00:00', '0000-01-01 00:00:00+00', '2026-11-29 10:00:00+00\u0000'])(
    'refuses %p, which PostgreSQL would not take as a timestamptz',
    (text) => expect(isTimestamp(text)).toBe(false),
  );
});

describe('isReal', () => {
  it.each(['0', '1', '0.0607927', '1e-20', '3.4e38', '1e-45'])('takes %p', (text) => expect(isReal(text)).toBe(true));
  it.each(['1e999', '3.5e38', '1e-50', '-1', 'NaN', 'Infinity', '0x10', '', '1 '])('refuses %p, out of range for a real or not one', (text) =>
    expect(isReal(text)).toBe(false),
  );
});

describe('decodeRealIdCursor', () => {
  it('reads back a (real, uuid) cursor and refuses one whose parts are not', () => {
    const id = '00000000-0000-4000-8000-000000000001';
    expect(decodeRealIdCursor(encodeCursor(['0.0607927', id]))).toEqual({ value: '0.0607927', id });
    expect(() => decodeRealIdCursor(encodeCursor(['1e999', id]))).toThrow('Invalid cursor');
    expect(() => decodeRealIdCursor(encodeCursor(['0.5', 'x']))).toThrow('Invalid cursor');
  });
});
