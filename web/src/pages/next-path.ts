// Where to go after signing in: `next` from the address, if it is a page of this site.

/** The API's limit on `next` (NEXT_PATH_MAX in src/common/validation-patterns.ts). */
const NEXT_MAX = 200;

/**
 * `next` if it is a path of this site ("/…"; not "//…" or "/\…", which browsers read as another
 * host, and not the sign-in page itself), else null. The API checks it again, more strictly.
 */
export function localNext(next: string | null): string | null {
  if (!next || next.length > NEXT_MAX || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next === '/aanmelden' || next.startsWith('/aanmelden?') || next.startsWith('/aanmelden#')) return null;
  return next;
}
