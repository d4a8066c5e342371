// The web app's texts (web/src/locales/<language>/<namespace>.json): every namespace exists in
// Dutch and English with the same keys, and no text is empty, so no page shows a bare key.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

const LOCALES = join(import.meta.dirname, '..', 'web', 'src', 'locales');

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => keys(inner, prefix ? `${prefix}.${key}` : key));
}

function emptyTexts(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [prefix] : [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => emptyTexts(inner, prefix ? `${prefix}.${key}` : key));
}

const read = (language: string, file: string): unknown => JSON.parse(readFileSync(join(LOCALES, language, file), 'utf8'));

describe('web app texts', () => {
  const nl = readdirSync(join(LOCALES, 'nl')).sort();
  const en = readdirSync(join(LOCALES, 'en')).sort();

  it('have the same namespaces in Dutch and English', () => {
    expect(nl.length).toBeGreaterThan(0);
    expect(en).toEqual(nl);
  });

  it.each(nl)('%s: the same keys in both languages, none empty', (file) => {
    expect(keys(read('en', file)).sort()).toEqual(keys(read('nl', file)).sort());
    expect([...emptyTexts(read('nl', file)), ...emptyTexts(read('en', file))]).toEqual([]);
  });
});
