import { describe, expect, it } from '@jest/globals';
import { DataSource, getMetadataArgsStorage } from 'typeorm';
import { EntityMetadataBuilder } from 'typeorm/metadata-builder/EntityMetadataBuilder.js';
import { toMatchRuleSet } from '../dto/matching.mapper.js';
import type { MatchRuleSetInput } from '../dto/matching.types.js';
import { DEFAULT_MATCH_RULES } from '../engine/default-rules.js';
import { runMatching } from '../engine/engine.js';
import { randomNetwork } from '../engine/naive-reference.spec-helper.js';
import type { MatchRules } from '../engine/types.js';
import { MatchRuleSetEntity } from './match-rule-set.entity.js';
import { overlayRules, type RuleValues } from './match-rules.service.js';

/** Version 1 as migration 1764400000003 stores it, loaded. */
function storedDefault(): MatchRuleSetEntity {
  return Object.assign(new MatchRuleSetEntity(), {
    version: 1,
    ...DEFAULT_MATCH_RULES,
    weights: { ...DEFAULT_MATCH_RULES.weights },
    schedule: '0 8 * * 1',
    timezone: 'Europe/Amsterdam',
    note: 'Default rules',
    createdBy: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
  });
}

const OTHER: RuleValues = {
  weights: { complementarity: 1, mutuality: 1, proximity: 1, crossSector: 1, initiativeNeed: 1, availability: 1 },
  minScore: 0.9,
  maxDistanceKm: 10,
  maxIntroductionsPerPersonPerRun: 1,
  cooldownDays: 7,
  excludeSameOrganisation: false,
  schedule: '0 9 * * *',
  timezone: 'UTC',
  note: null,
};

describe('one shape for a rule set, from the table to the engine', () => {
  it('keeps the columns of match_rule_set, so stored versions load as they are', () => {
    const [metadata] = new EntityMetadataBuilder(new DataSource({ type: 'postgres' }), getMetadataArgsStorage()).build([MatchRuleSetEntity]);
    const columns = Object.fromEntries(metadata.columns.map((c) => [c.propertyPath, c.databaseName]));
    expect(columns).toEqual({
      version: 'version',
      'weights.complementarity': 'weight_complementarity',
      'weights.mutuality': 'weight_mutuality',
      'weights.proximity': 'weight_proximity',
      'weights.crossSector': 'weight_cross_sector',
      'weights.initiativeNeed': 'weight_initiative_need',
      'weights.availability': 'weight_availability',
      minScore: 'min_score',
      maxDistanceKm: 'max_distance_km',
      maxIntroductionsPerPersonPerRun: 'max_introductions_per_person_per_run',
      cooldownDays: 'cooldown_days',
      excludeSameOrganisation: 'exclude_same_organisation',
      schedule: 'schedule',
      timezone: 'timezone',
      note: 'note',
      createdBy: 'created_by',
      createdAt: 'created_at',
    });
  });

  it('is the GraphQL type with the author named createdById', () => {
    const stored = storedDefault();
    expect(toMatchRuleSet(stored)).toEqual({
      version: 1,
      weights: { complementarity: 3, mutuality: 2, proximity: 1.5, crossSector: 1, initiativeNeed: 2, availability: 0.5 },
      minScore: 0.3,
      maxDistanceKm: 50,
      maxIntroductionsPerPersonPerRun: 3,
      cooldownDays: 90,
      excludeSameOrganisation: true,
      schedule: '0 8 * * 1',
      timezone: 'Europe/Amsterdam',
      note: 'Default rules',
      createdAt: stored.createdAt,
      createdById: null,
    });
  });

  it('round-trips: what the API shows, sent back as an input, stores the same values', () => {
    const { version, createdAt, createdById, ...shown } = toMatchRuleSet(storedDefault());
    expect([version, createdAt, createdById]).toEqual([1, expect.any(Date), null]);
    const input: MatchRuleSetInput = shown;
    const { version: _v, createdBy: _c, createdAt: _a, ...values } = storedDefault();
    expect(overlayRules(OTHER, input)).toEqual({ ...values });
  });

  it('is the engine input as it is: a stored version runs as its MatchRules alone would', () => {
    const stored = storedDefault();
    const rules: MatchRules = stored;
    const input = randomNetwork(7, { people: 40, initiatives: 6 });
    const alone: MatchRules = { ...DEFAULT_MATCH_RULES, weights: { ...DEFAULT_MATCH_RULES.weights } };
    const withStored = runMatching({ ...input, rules });
    expect(withStored.proposals.length).toBeGreaterThan(0);
    expect(withStored).toEqual(runMatching({ ...input, rules: alone }));
  });
});
