// What a professional's available hours are worth to expertise search and to the matching
// engine. Plain TypeScript (no Nest, TypeORM or database imports).

/** Hours a month at which someone counts as fully available. */
export const HOURS_FOR_FULL_AVAILABILITY = 20;
/** The availability of someone who gave no hours. */
export const UNKNOWN_AVAILABILITY = 0.25;

/**
 * A = min(hours a month, 20) / 20, in [0, 1]; UNKNOWN_AVAILABILITY (0.25) when the hours are
 * unknown: null, or negative (the engine's typed arrays write unknown as -1). Worked example:
 * 10 hours give 0.5, 20 or more give 1, no hours given 0.25.
 */
export function availability(hours: number | null): number {
  if (hours === null || hours < 0) return UNKNOWN_AVAILABILITY;
  return Math.min(hours, HOURS_FOR_FULL_AVAILABILITY) / HOURS_FOR_FULL_AVAILABILITY;
}
