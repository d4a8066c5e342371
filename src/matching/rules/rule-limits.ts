// The limits of a rule set, as data with no imports: the API checks them (match-rules.validation.ts,
// dto/matching.types.ts), and the web app's rule form (web/src/pages/beheer/rules-form.ts) shows
// and checks the same ones before sending.
/** Ranges of the numeric rules; the same bounds are CHECK constraints in migration 1764400000003. */
export const RULE_LIMITS = {
  weight: { min: 0, max: 10 },
  minScore: { min: 0, max: 1 },
  /** The Netherlands spans about 300 km. */
  maxDistanceKm: { min: 1, max: 400 },
  maxIntroductionsPerPersonPerRun: { min: 1, max: 20 },
  cooldownDays: { min: 0, max: 3650 },
  scheduleLength: 100,
  timeZoneLength: 64,
  noteLength: 500,
} as const;
