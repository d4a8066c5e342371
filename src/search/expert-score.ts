// How a professional ranks for an expertise search. Plain TypeScript (the SQL in
// search.service.ts computes the same formula; search-score.spec.ts checks the two agree).
//
//   coverage     C = (1/k) · Σ over the k requested disciplines of the best level weight the
//                    person offers for it (the discipline itself or a descendant):
//                    BASIC 0.5, EXPERIENCED 0.75, EXPERT 1; 0 when not offered.
//   availability A = min(hours per month, 20) / 20; 0.25 when unknown.
//   proximity    P = 1 / (1 + distance / 25 km); 0.5 when the person has no municipality.
//                    Only when the search names a municipality.
//   text         T = ts_rank(…, normalization 32) = rank / (rank + 1). Only when searching text.
//
//   score = (0.60·C + 0.15·A [+ 0.15·P] [+ 0.10·T]) / (0.75 [+ 0.15] [+ 0.10])   ∈ [0, 1]
//
// Worked example: a search for participatie and subsidies near Vlissingen. Anna offers
// participatie at EXPERT and nothing for subsidies (C = (1 + 0)/2 = 0.5), gives 10 hours
// (A = 0.5) and lives 12.5 km away (P = 1/(1 + 0.5) = 0.667):
//   score = (0.6·0.5 + 0.15·0.5 + 0.15·0.667) / 0.9 = (0.3 + 0.075 + 0.1) / 0.9 = 0.528.

export const LEVEL_WEIGHT = { BASIC: 0.5, EXPERIENCED: 0.75, EXPERT: 1 } as const;
export const WEIGHTS = { coverage: 0.6, availability: 0.15, proximity: 0.15, text: 0.1 } as const;
export const HOURS_FOR_FULL_AVAILABILITY = 20;
export const UNKNOWN_AVAILABILITY = 0.25;
export const DISTANCE_HALF_SCORE_KM = 25;
export const UNKNOWN_PROXIMITY = 0.5;

export interface ScoreInput {
  /** Coverage C in [0, 1]. */
  coverage: number;
  availableHoursPerMonth: number | null;
  /** Undefined when the search names no municipality; null when the person has none. */
  distanceKm?: number | null;
  /** Normalised text rank in [0, 1); undefined when the search has no text. */
  textRank?: number;
}

export function expertScore(input: ScoreInput): number {
  return scoreOf(input.coverage, input.availableHoursPerMonth, input.distanceKm, input.textRank);
}

/** expertScore with positional arguments: no allocation in the search index's inner loop. */
export function scoreOf(coverage: number, hours: number | null, distanceKm: number | null | undefined, textRank: number | undefined): number {
  const availability = hours === null ? UNKNOWN_AVAILABILITY : Math.min(hours, HOURS_FOR_FULL_AVAILABILITY) / HOURS_FOR_FULL_AVAILABILITY;
  let sum = WEIGHTS.coverage * coverage + WEIGHTS.availability * availability;
  let total = WEIGHTS.coverage + WEIGHTS.availability;
  if (distanceKm !== undefined) {
    const proximity = distanceKm === null ? UNKNOWN_PROXIMITY : 1 / (1 + distanceKm / DISTANCE_HALF_SCORE_KM);
    sum += WEIGHTS.proximity * proximity;
    total += WEIGHTS.proximity;
  }
  if (textRank !== undefined) {
    sum += WEIGHTS.text * textRank;
    total += WEIGHTS.text;
  }
  return sum / total;
}
