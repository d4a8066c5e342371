import type { MatchRuleSetEntity } from '../rules/match-rule-set.entity.js';
import type { MatchRuleSet } from './matching.types.js';

export function toMatchRuleSet(e: MatchRuleSetEntity): MatchRuleSet {
  return {
    version: e.version,
    weights: {
      complementarity: e.weightComplementarity,
      mutuality: e.weightMutuality,
      proximity: e.weightProximity,
      crossSector: e.weightCrossSector,
      initiativeNeed: e.weightInitiativeNeed,
      availability: e.weightAvailability,
    },
    minScore: e.minScore,
    maxDistanceKm: e.maxDistanceKm,
    maxIntroductionsPerPersonPerRun: e.maxIntroductionsPerPersonPerRun,
    cooldownDays: e.cooldownDays,
    excludeSameOrganisation: e.excludeSameOrganisation,
    schedule: e.schedule,
    timezone: e.timezone,
    note: e.note,
    createdAt: e.createdAt,
    createdById: e.createdBy,
  };
}
