// The rule set a new installation starts with (issue #4), and what the matching benchmark runs.
// The weights make complementarity (one side offers what the other seeks) count most, then a
// mutual fit and an initiative's open need, proximity a bit less; sector and availability only
// tip the balance. Worked examples (score.ts; the PEER denominator is 3 + 2 + 1.5 + 1 + 0.5 = 8):
//   C = 1, M = 0, P = 0.5 (50 km), X = 1, V = 0.5:
//     (3·1 + 2·0 + 1.5·0.5 + 1·1 + 0.5·0.5) / 8 = 5 / 8 = 0.625, proposed;
//   a BASIC offer of the sought discipline's parent (C = 0.5·0.3 = 0.15), M = 0, 60 km apart
//   (P = 1 / (1 + 60/50) = 0.455), same sector, unknown hours (V = 0.25):
//     (0.45 + 0 + 0.682 + 0 + 0.125) / 8 = 0.157, below minScore 0.3, never proposed.
import type { MatchRules } from './types.js';

export const DEFAULT_MATCH_RULES: Readonly<MatchRules> = Object.freeze({
  weights: Object.freeze({ complementarity: 3, mutuality: 2, proximity: 1.5, crossSector: 1, initiativeNeed: 2, availability: 0.5 }),
  minScore: 0.3,
  maxDistanceKm: 50,
  maxIntroductionsPerPersonPerRun: 3,
  cooldownDays: 90,
  excludeSameOrganisation: true,
});
