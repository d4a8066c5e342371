// Where the sign-in page goes after signing in: only a page of this site.
import { describe, expect, it } from '@jest/globals';
import { localNext } from '../web/src/pages/next-path.js';

describe('localNext', () => {
  it.each(['/initiatieven/6f27aa7e-5a12-45f7-8cb6-b1819d0cac94', '/kennisbank?q=moestuin', '/voorkeuren', '/'])('keeps %s', (path) => {
    expect(localNext(path)).toBe(path);
  });

  it.each([
    ['nothing', null],
    ['empty', ''],
    ['another host', 'https://evil.example/'],
    ['a protocol-relative address', '//evil.example/path'],
    ['a backslash host', '/\\evil.example'],
    ['a relative path', 'kennisbank'],
    ['a script', 'javascript:alert(1)'],
    ['the sign-in page itself', '/aanmelden?token=abc'],
    ['too long', `/kennisbank?q=${'a'.repeat(200)}`],
  ])('refuses %s', (_label, path) => {
    expect(localNext(path)).toBeNull();
  });
});
