import { describe, expect, it } from '@jest/globals';
import { ExpertiseLevel, RegionScope, Sector } from '../../common/enums.js';
import { OfferIndex, generateCandidates } from './candidates.js';
import { DELFT, DEN_HAAG, GRONINGEN, UTRECHT, matchInput, offers, person, rules } from './naive-reference.spec-helper.js';
import { compileNetwork } from './network.js';
import type { MatchPerson } from './types.js';

const { EXPERT } = ExpertiseLevel;

function candidates(people: MatchPerson[], bound: number, maxDistanceKm = 25): { u: number; v: number }[] {
  const net = compileNetwork(matchInput(people, { rules: rules({ maxDistanceKm }) }));
  const edges = generateCandidates(net, new OfferIndex(net), bound);
  return Array.from({ length: edges.count }, (_, e) => ({ u: edges.u(e), v: edges.v(e) }));
}

describe('generateCandidates', () => {
  it('looks only where a seeker seeks: unrelated offerers are never paired', () => {
    const people = [
      person('s', { seeks: [11] }),
      person('a', { offers: offers([11, EXPERT]) }),
      person('b', { offers: offers([10, EXPERT]) }), // parent of 11: partial credit
      person('c', { offers: offers([2, EXPERT]) }), // another branch
    ];
    const found = candidates(people, 64).map(({ u, v }) => [u, v].sort().join('-'));
    // Indexes in id order: a 0, b 1, c 2, s 3.
    expect(found.sort()).toEqual(['0-3', '1-3']);
  });

  it('looks only in admissible regions', () => {
    const people = [
      person('s', { seeks: [11], scope: RegionScope.LOCAL, municipalityCode: DEN_HAAG }),
      person('near', { offers: offers([11, EXPERT]), municipalityCode: DELFT }),
      person('far', { offers: offers([11, EXPERT]), municipalityCode: UTRECHT }),
      person('north', { offers: offers([11, EXPERT]), municipalityCode: GRONINGEN, scope: RegionScope.PROVINCE }),
    ];
    expect(candidates(people, 64)).toHaveLength(1);
  });

  it('bounds the offerers per seeker and sought discipline by K, spread over all offerers', () => {
    const people: MatchPerson[] = [];
    for (let k = 0; k < 400; k++) people.push(person(`o${String(k).padStart(3, '0')}`, { offers: offers([11, EXPERT]) }));
    for (let k = 0; k < 200; k++) people.push(person(`s${String(k).padStart(3, '0')}`, { seeks: [11, 10], sector: Sector.CITIZEN }));
    const k = 8;
    const found = candidates(people, k);
    // 200 seekers × 2 sought disciplines × K, instead of 200 × 400 pairs.
    expect(found.length).toBeLessThanOrEqual(200 * 2 * k);
    const offerers = new Set(found.map(({ u, v }) => Math.min(u, v)));
    expect(offerers.size).toBeGreaterThan(300);
    // No offerer is swamped: the busiest appears in a few windows, not in all.
    const load = new Map<number, number>();
    for (const { u, v } of found) load.set(Math.min(u, v), (load.get(Math.min(u, v)) ?? 0) + 1);
    expect(Math.max(...load.values())).toBeLessThan(30);
  });
});
