import { describe, expect, it } from '@jest/globals';
import { Role } from '../common/enums.js';
import type { Viewer } from '../graphql/viewer.js';
import { ViewerCache } from './viewer-cache.js';

const ANNA: Viewer = { accountId: 'a', roles: [Role.PROFESSIONAL] };
const BERT: Viewer = { accountId: 'b', roles: [Role.PROFESSIONAL, Role.ADMIN] };
const DAY_MS = 86_400_000;

function cacheWithClock(ttlMs = 5_000, maxTokens = 100): { cache: ViewerCache; advance: (ms: number) => void } {
  let now = 1_000;
  const cache = new ViewerCache({ ttlMs, maxTokens, now: () => now });
  return { cache, advance: (ms) => (now += ms) };
}

describe('ViewerCache', () => {
  it('gives back a remembered viewer until ttlMs has passed', () => {
    const { cache, advance } = cacheWithClock(5_000);
    cache.remember('token-a', ANNA, DAY_MS, cache.ticket());
    expect(cache.get('token-a')).toEqual(ANNA);
    expect(cache.get('token-other')).toBeUndefined();
    advance(4_999);
    expect(cache.get('token-a')).toEqual(ANNA);
    advance(2);
    expect(cache.get('token-a')).toBeUndefined();
  });

  it('never keeps a viewer past its token expiry', () => {
    const { cache, advance } = cacheWithClock(5_000);
    cache.remember('token-a', ANNA, 1_000, cache.ticket());
    advance(999);
    expect(cache.get('token-a')).toEqual(ANNA);
    advance(2);
    expect(cache.get('token-a')).toBeUndefined();
    cache.remember('expired', ANNA, 0, cache.ticket());
    cache.remember('long-expired', ANNA, -60_000, cache.ticket());
    cache.remember('no-expiry-read', ANNA, Number.NaN, cache.ticket());
    expect(cache.size).toBe(0);
  });

  it('does not re-read its ttl on get: a busy token is checked again every ttlMs', () => {
    const { cache, advance } = cacheWithClock(5_000);
    cache.remember('token-a', ANNA, DAY_MS, cache.ticket());
    for (let i = 0; i < 4; i++) {
      advance(1_000);
      expect(cache.get('token-a')).toEqual(ANNA);
    }
    advance(1_001);
    expect(cache.get('token-a')).toBeUndefined();
  });

  it('forgets every token of an account, and only those', () => {
    const { cache } = cacheWithClock();
    cache.remember('token-a1', ANNA, DAY_MS, cache.ticket());
    cache.remember('token-a2', ANNA, DAY_MS, cache.ticket());
    cache.remember('token-b', BERT, DAY_MS, cache.ticket());
    cache.forgetAccount('a');
    expect(cache.get('token-a1')).toBeUndefined();
    expect(cache.get('token-a2')).toBeUndefined();
    expect(cache.get('token-b')).toEqual(BERT);
  });

  it('drops a lookup that started before a forget (it may have read the account before it changed)', () => {
    const { cache } = cacheWithClock();
    const ticket = cache.ticket();
    cache.forgetAccount('a'); // e.g. the account is deleted while its token is being checked
    cache.remember('token-a', ANNA, DAY_MS, ticket);
    expect(cache.get('token-a')).toBeUndefined();
    cache.remember('token-a', ANNA, DAY_MS, cache.ticket());
    expect(cache.get('token-a')).toEqual(ANNA);
  });

  it('holds at most maxTokens, dropping the least recently used', () => {
    const { cache } = cacheWithClock(5_000, 2);
    cache.remember('t1', ANNA, DAY_MS, cache.ticket());
    cache.remember('t2', BERT, DAY_MS, cache.ticket());
    expect(cache.get('t1')).toEqual(ANNA); // t2 is now the least recently used
    cache.remember('t3', ANNA, DAY_MS, cache.ticket());
    expect(cache.size).toBe(2);
    expect(cache.get('t2')).toBeUndefined();
    expect(cache.get('t1')).toEqual(ANNA);
    expect(cache.get('t3')).toEqual(ANNA);
  });

  it('hands out a frozen copy, so no request can change what the next one sees', () => {
    const { cache } = cacheWithClock();
    const roles = [Role.PROFESSIONAL];
    cache.remember('token-a', { accountId: 'a', roles }, DAY_MS, cache.ticket());
    roles.push(Role.ADMIN);
    const viewer = cache.get('token-a')!;
    expect(viewer.roles).toEqual([Role.PROFESSIONAL]);
    expect(Object.isFrozen(viewer)).toBe(true);
    expect(Object.isFrozen(viewer.roles)).toBe(true);
  });
});
