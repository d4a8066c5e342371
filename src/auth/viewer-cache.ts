// Plain TypeScript: no Nest imports, so it is tested without a TestingModule.
import { LRUCache } from 'lru-cache';
import type { Viewer } from '../graphql/viewer.js';

/** How long a checked session token's viewer is reused (see ViewerCache on what may be stale meanwhile). */
export const VIEWER_CACHE_TTL_MS = 5_000;
/** Tokens remembered at most; the least recently used go first. A few MB at ~300 bytes a token. */
export const VIEWER_CACHE_MAX_TOKENS = 10_000;

export interface ViewerCacheOptions {
  ttlMs: number;
  maxTokens: number;
  /** A monotonic clock in ms (default performance.now()); tests pass their own. */
  now?: () => number;
}

/** What `ticket()` hands out: remember() drops a viewer looked up before a later forget. */
export type ViewerCacheTicket = number;

/**
 * Bearer token → the viewer it stood for when it was last checked (signature, expiry, issuer,
 * and the account's roles read from PostgreSQL), reused for a few seconds. A signed-in client
 * sends many requests in a row (a search page, the next page, ...); checking each one cost an
 * HMAC and an account lookup in SQL (BENCHMARKS.md, issue #3). Only a token that passed every
 * check is remembered, by its exact text; invalid tokens are checked every time.
 *
 * Staleness, by design bounded by `ttlMs`:
 * - deleting an account and signing in (which resets roles from ADMIN_EMAILS) forget the
 *   account's tokens in this process at once (`forgetAccount`); other API processes keep
 *   serving a deleted account's token, or its old roles, for at most `ttlMs`;
 * - a viewer is never kept past its token's own expiry.
 */
export class ViewerCache {
  private readonly viewers: LRUCache<string, Viewer>;
  private readonly ttlMs: number;
  private readonly now: () => number;
  /** Moves on at every forget; a lookup that started before it must not be remembered. */
  private forgets = 0;

  constructor(options: ViewerCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? (() => performance.now());
    this.viewers = new LRUCache<string, Viewer>({
      max: options.maxTokens,
      ttl: options.ttlMs,
      // Expired entries are dropped when read or pushed out by newer ones; no timers, and the
      // clock is read at each check (its default caches it for 1 ms behind a timer).
      ttlAutopurge: false,
      ttlResolution: 0,
      updateAgeOnGet: false,
      perf: { now: this.now },
    });
  }

  get size(): number {
    return this.viewers.size;
  }

  /** The viewer of a token checked less than `ttlMs` ago (and not forgotten since), else undefined. */
  get(token: string): Viewer | undefined {
    return this.viewers.get(token);
  }

  /** Taken before a token is checked; pass it to remember() with the result. */
  ticket(): ViewerCacheTicket {
    return this.forgets;
  }

  /**
   * Remembers a checked token's viewer until `ttlMs` from now or the token's expiry
   * (`expiresInMs` from now, from its `exp` claim), whichever comes first. Nothing is kept
   * when an account was forgotten since `ticket` was taken: the lookup may predate it.
   */
  remember(token: string, viewer: Viewer, expiresInMs: number, ticket: ViewerCacheTicket): void {
    if (ticket !== this.forgets) return;
    const ttl = Math.min(this.ttlMs, Math.floor(expiresInMs));
    if (!(ttl > 0)) return;
    this.viewers.set(token, Object.freeze({ accountId: viewer.accountId, roles: Object.freeze([...viewer.roles]) }), { ttl });
  }

  /** Forgets every token of the account (after it was deleted or its roles changed). */
  forgetAccount(accountId: string): void {
    this.forgets += 1;
    const tokens: string[] = [];
    for (const [token, viewer] of this.viewers.entries()) if (viewer.accountId === accountId) tokens.push(token);
    for (const token of tokens) this.viewers.delete(token);
  }
}
