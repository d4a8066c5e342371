// How a professional ranks for an expertise search. Plain TypeScript: the in-memory index
// (expert-index.ts) scores with these functions; expert-score.spec.ts checks the formula.
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
// A search by text alone (no disciplines) has no coverage: how well the text matches takes its
// place (C = T), and T is not counted twice: score = (0.60·T + 0.15·A [+ 0.15·P]) / (0.75 [+ 0.15]).
// Example: T = 0.5 (one word in the bio), 10 hours: (0.3 + 0.075) / 0.75 = 0.5.
//
// Worked example: a search for participatie and subsidies near Vlissingen. Anna offers
// participatie at EXPERT and nothing for subsidies (C = (1 + 0)/2 = 0.5), gives 10 hours
// (A = 0.5) and lives 12.5 km away (P = 1/(1 + 0.5) = 0.667):
//   score = (0.6·0.5 + 0.15·0.5 + 0.15·0.667) / 0.9 = (0.3 + 0.075 + 0.1) / 0.9 = 0.528.
import { availability } from '../professionals/availability.js';
import { proximity, UNKNOWN_PROXIMITY } from '../regions/distance.js';

export const LEVEL_WEIGHT = { BASIC: 0.5, EXPERIENCED: 0.75, EXPERT: 1 } as const;
export const WEIGHTS = { coverage: 0.6, availability: 0.15, proximity: 0.15, text: 0.1 } as const;
export const DISTANCE_HALF_SCORE_KM = 25;

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
  const { coverage, availableHoursPerMonth, distanceKm, textRank } = input;
  return scoreFrom(coverage, availability(availableHoursPerMonth), distanceKm === undefined ? Number.NaN : proximityOf(distanceKm), textRank ?? Number.NaN);
}

/** P in (0, 1]. */
export function proximityOf(distanceKm: number | null): number {
  return distanceKm === null ? UNKNOWN_PROXIMITY : proximity(distanceKm, DISTANCE_HALF_SCORE_KM);
}

/**
 * The score from its parts, NaN standing for a part the search leaves out (proximity, text).
 * Numbers only: the search index calls it for every candidate, where null and undefined
 * would make V8 box each number on the heap.
 */
export function scoreFrom(coverage: number, availability: number, proximity: number, textRank: number): number {
  return scoreSum(coverage, availability, proximity, textRank) / weightTotal(!Number.isNaN(proximity), !Number.isNaN(textRank));
}

/** The numerator of the score: its parts times their weights, NaN parts left out. */
export function scoreSum(coverage: number, availability: number, proximity: number, textRank: number): number {
  let sum = WEIGHTS.coverage * coverage + WEIGHTS.availability * availability;
  if (!Number.isNaN(proximity)) sum += WEIGHTS.proximity * proximity;
  if (!Number.isNaN(textRank)) sum += WEIGHTS.text * textRank;
  return sum;
}

/**
 * The denominator of the score: the weights of the parts the search uses. The same for every
 * candidate of a search, so candidates can be compared by scoreSum alone.
 */
export function weightTotal(hasProximity: boolean, hasText: boolean): number {
  let total = WEIGHTS.coverage + WEIGHTS.availability;
  if (hasProximity) total += WEIGHTS.proximity;
  if (hasText) total += WEIGHTS.text;
  return total;
}
