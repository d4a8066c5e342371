import { describe, expect, it } from '@jest/globals';
import { readMunicipalities, readProvinces } from '../database/reference-data.js';
import { TAXONOMY } from '../disciplines/taxonomy.data.js';
import { DEFAULT_MATCH_RULES } from '../matching/engine/default-rules.js';
import { runMatching } from '../matching/engine/engine.js';
import { personId, syntheticMatchInput } from './synthetic-match-input.js';

const NOW = new Date('2026-11-01T06:00:00Z');
const input = syntheticMatchInput({
  professionals: 3000,
  initiatives: 300,
  seed: 5,
  municipalities: readMunicipalities(),
  provinces: readProvinces(),
  taxonomy: TAXONOMY,
  now: NOW,
});

describe('syntheticMatchInput', () => {
  it('keeps the eligible professionals (about 90 %) with ids in key order and disciplines of the taxonomy', () => {
    expect(input.people.length).toBeGreaterThan(2500);
    expect(input.people.length).toBeLessThan(3000);
    const ids = input.people.map((p) => p.id);
    expect(ids).toEqual([...ids].sort());
    expect(personId(42)).toBe('p0000042');
    for (const p of input.people) {
      for (const o of p.offers) expect(input.disciplines.has(o.disciplineId)).toBe(true);
      for (const s of p.seeks) expect(input.disciplines.has(s)).toBe(true);
    }
    // Children point to their group.
    const groupIds = new Set([...input.disciplines].filter(([, d]) => d.parentId === null).map(([id]) => id));
    for (const [, d] of input.disciplines) if (d.parentId !== null) expect(groupIds.has(d.parentId)).toBe(true);
  });

  it('keeps initiatives with unfulfilled needs only, and uses the default rules', () => {
    expect(input.initiatives.length).toBeGreaterThan(150);
    for (const it of input.initiatives) expect(it.needs.length).toBeGreaterThan(0);
    expect(input.rules).toBe(DEFAULT_MATCH_RULES);
  });

  it('adds earlier introductions between eligible people, some declined, some within the cool-down', () => {
    const eligible = new Set(input.people.map((p) => p.id));
    expect(input.history.length).toBeGreaterThan(40);
    for (const h of input.history) {
      expect(eligible.has(h.a) && eligible.has(h.b)).toBe(true);
      expect(h.a).not.toBe(h.b);
    }
    expect(input.history.some((h) => h.status === 'DECLINED')).toBe(true);
    const cooldownStart = NOW.getTime() - DEFAULT_MATCH_RULES.cooldownDays * 86_400_000;
    expect(input.history.some((h) => h.status !== 'DECLINED' && h.date.getTime() > cooldownStart)).toBe(true);
  });

  it('is an input the engine matches, and the history rules pairs out', () => {
    const result = runMatching(input);
    expect(result.stats.proposed).toBeGreaterThan(1000);
    const withoutHistory = runMatching({ ...input, history: [] });
    const blocked = new Set(
      input.history
        .filter((h) => h.status === 'DECLINED' || h.date.getTime() > NOW.getTime() - DEFAULT_MATCH_RULES.cooldownDays * 86_400_000)
        .flatMap((h) => [`${h.a} ${h.b}`, `${h.b} ${h.a}`]),
    );
    const pairs = (proposals: typeof result.proposals): string[] => proposals.map((p) => `${p.a} ${p.b}`);
    expect(pairs(result.proposals).filter((pair) => blocked.has(pair))).toEqual([]);
    // Without the history some of those pairs are proposed: the history is made of likely pairs.
    expect(pairs(withoutHistory.proposals).some((pair) => blocked.has(pair))).toBe(true);
  });
});
