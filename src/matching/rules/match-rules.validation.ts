// Checks on a rule set that class-validator cannot express on one field: the cron pattern and
// the time zone, which only make sense together. Plain TypeScript, no Nest imports.
//
// The pattern is parsed with cron-parser, pinned to the version BullMQ's job scheduler uses,
// so a pattern accepted here is one the scheduler accepts, with the same meaning.
import { CronExpressionParser } from 'cron-parser';
import { RULE_LIMITS } from './rule-limits.js';


/** Runs are heavy and every run may email everyone due: never more often than this. */
export const MIN_SCHEDULE_INTERVAL_MS = 60_000;

/** Whether the runtime knows the IANA zone (or alias such as UTC). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > RULE_LIMITS.timeZoneLength) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Why the pattern cannot be used as a schedule in that zone, or null when it can: it must
 * parse, fire at all, and not fire more than once a minute.
 */
export function scheduleProblem(pattern: string, timeZone: string, now = new Date()): string | null {
  const trimmed = pattern.trim();
  if (!trimmed) return 'schedule must be a cron pattern such as "0 8 * * 1" (Mondays at 08:00)';
  if (trimmed.length > RULE_LIMITS.scheduleLength) return `schedule must be at most ${RULE_LIMITS.scheduleLength} characters`;
  let first: Date;
  let second: Date;
  try {
    const interval = CronExpressionParser.parse(trimmed, { tz: timeZone, currentDate: now });
    first = interval.next().toDate();
    second = interval.next().toDate();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return `schedule "${trimmed}" is not a valid cron pattern (${detail}); e.g. "0 8 * * 1" is Mondays at 08:00`;
  }
  if (second.getTime() - first.getTime() < MIN_SCHEDULE_INTERVAL_MS) {
    return `schedule "${trimmed}" fires more than once a minute`;
  }
  return null;
}
