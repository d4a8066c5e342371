// The rule form's values and their checks: the API's own limits (RULE_LIMITS, which the API's
// MatchRuleSetInput checks too).
// Plain TypeScript: the page shows what this returns.
import { RULE_LIMITS } from '../../../../src/matching/rules/rule-limits.js';

export const LIMITS = RULE_LIMITS;

export const WEIGHTS = ['complementarity', 'mutuality', 'proximity', 'crossSector', 'initiativeNeed', 'availability'] as const;
export type WeightName = (typeof WEIGHTS)[number];

export const NUMBERS = ['minScore', 'maxDistanceKm', 'maxIntroductionsPerPersonPerRun', 'cooldownDays'] as const;
export type NumberName = (typeof NUMBERS)[number];

/** A field of the form: `weights.<name>` for a weight, else the input's own name. */
export type FieldName = `weights.${WeightName}` | NumberName | 'schedule' | 'timezone' | 'note' | 'weights';

export interface RuleValues {
  weights: Record<WeightName, number>;
  minScore: number;
  maxDistanceKm: number;
  maxIntroductionsPerPersonPerRun: number;
  cooldownDays: number;
  excludeSameOrganisation: boolean;
  schedule: string;
  timezone: string;
}

/** What the person typed: numbers as text, so a half-typed "0," is kept as it is. */
export interface FormValues {
  weights: Record<WeightName, string>;
  minScore: string;
  maxDistanceKm: string;
  maxIntroductionsPerPersonPerRun: string;
  cooldownDays: string;
  excludeSameOrganisation: boolean;
  schedule: string;
  timezone: string;
  note: string;
}

export interface RulesInput {
  weights: Record<WeightName, number>;
  minScore: number;
  maxDistanceKm: number;
  maxIntroductionsPerPersonPerRun: number;
  cooldownDays: number;
  excludeSameOrganisation: boolean;
  schedule: string;
  timezone: string;
  note?: string | null;
}

/** Why a field is not accepted: a message key of the beheer namespace with its values. */
export interface FieldProblem {
  key: 'number' | 'integer' | 'range' | 'required' | 'tooLong' | 'allWeightsZero';
  values?: Record<string, number>;
}

const INTEGERS: readonly NumberName[] = ['maxIntroductionsPerPersonPerRun', 'cooldownDays'];

/** The form's values from a rule set; decimals with a comma where the language writes one (nl). */
export function toFormValues(rules: RuleValues, decimalComma = false): FormValues {
  const text = (n: number): string => (decimalComma ? String(n).replace('.', ',') : String(n));
  return {
    weights: Object.fromEntries(WEIGHTS.map((w) => [w, text(rules.weights[w])])) as Record<WeightName, string>,
    minScore: text(rules.minScore),
    maxDistanceKm: text(rules.maxDistanceKm),
    maxIntroductionsPerPersonPerRun: String(rules.maxIntroductionsPerPersonPerRun),
    cooldownDays: String(rules.cooldownDays),
    excludeSameOrganisation: rules.excludeSameOrganisation,
    schedule: rules.schedule,
    timezone: rules.timezone,
    note: '',
  };
}

/** A number as typed, with a decimal comma or point; NaN when it is none. */
export function parseNumber(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return Number.NaN;
  return Number(trimmed);
}

function checkNumber(text: string, limits: { min: number; max: number }, integer: boolean): FieldProblem | null {
  if (!text.trim()) return { key: 'required' };
  const value = parseNumber(text);
  if (Number.isNaN(value)) return { key: integer ? 'integer' : 'number' };
  if (integer && !Number.isInteger(value)) return { key: 'integer' };
  if (value < limits.min || value > limits.max) return { key: 'range', values: { min: limits.min, max: limits.max } };
  return null;
}

/** The input for the API, or the problem of each field that is not right. */
export function checkForm(form: FormValues): { input: RulesInput } | { problems: Partial<Record<FieldName, FieldProblem>> } {
  const problems: Partial<Record<FieldName, FieldProblem>> = {};
  for (const w of WEIGHTS) {
    const problem = checkNumber(form.weights[w], LIMITS.weight, false);
    if (problem) problems[`weights.${w}`] = problem;
  }
  for (const n of NUMBERS) {
    const problem = checkNumber(form[n], LIMITS[n], INTEGERS.includes(n));
    if (problem) problems[n] = problem;
  }
  if (!form.schedule.trim()) problems.schedule = { key: 'required' };
  else if (form.schedule.trim().length > LIMITS.scheduleLength) problems.schedule = { key: 'tooLong', values: { max: LIMITS.scheduleLength } };
  if (!form.timezone.trim()) problems.timezone = { key: 'required' };
  else if (form.timezone.trim().length > LIMITS.timeZoneLength) problems.timezone = { key: 'tooLong', values: { max: LIMITS.timeZoneLength } };
  if (form.note.trim().length > LIMITS.noteLength) problems.note = { key: 'tooLong', values: { max: LIMITS.noteLength } };
  const weights = Object.fromEntries(WEIGHTS.map((w) => [w, parseNumber(form.weights[w])])) as Record<WeightName, number>;
  if (!WEIGHTS.some((w) => problems[`weights.${w}`]) && WEIGHTS.every((w) => weights[w] === 0)) problems.weights = { key: 'allWeightsZero' };
  if (Object.keys(problems).length > 0) return { problems };
  return {
    input: {
      weights,
      minScore: parseNumber(form.minScore),
      maxDistanceKm: parseNumber(form.maxDistanceKm),
      maxIntroductionsPerPersonPerRun: parseNumber(form.maxIntroductionsPerPersonPerRun),
      cooldownDays: parseNumber(form.cooldownDays),
      excludeSameOrganisation: form.excludeSameOrganisation,
      schedule: form.schedule.trim(),
      timezone: form.timezone.trim(),
      note: form.note.trim() || null,
    },
  };
}

/**
 * The form field an API error names (extensions.field: "schedule", "input.weights.mutuality",
 * "variables.input.minScore"), or null when it names none of them.
 */
export function fieldOfApiError(field: unknown): FieldName | null {
  if (typeof field !== 'string') return null;
  const name = field.replace(/^(variables\.)?(input\.)?/, '');
  const known: readonly string[] = [...WEIGHTS.map((w) => `weights.${w}`), ...NUMBERS, 'schedule', 'timezone', 'note', 'weights'];
  return known.includes(name) ? (name as FieldName) : null;
}

/** What differs between two versions, field by field (for the history). */
export function changes(older: RuleValues, newer: RuleValues): { field: WeightName | NumberName | 'excludeSameOrganisation' | 'schedule' | 'timezone'; from: string; to: string }[] {
  const out: { field: WeightName | NumberName | 'excludeSameOrganisation' | 'schedule' | 'timezone'; from: string; to: string }[] = [];
  for (const w of WEIGHTS) if (older.weights[w] !== newer.weights[w]) out.push({ field: w, from: String(older.weights[w]), to: String(newer.weights[w]) });
  for (const n of NUMBERS) if (older[n] !== newer[n]) out.push({ field: n, from: String(older[n]), to: String(newer[n]) });
  if (older.excludeSameOrganisation !== newer.excludeSameOrganisation) {
    out.push({ field: 'excludeSameOrganisation', from: String(older.excludeSameOrganisation), to: String(newer.excludeSameOrganisation) });
  }
  if (older.schedule !== newer.schedule) out.push({ field: 'schedule', from: older.schedule, to: newer.schedule });
  if (older.timezone !== newer.timezone) out.push({ field: 'timezone', from: older.timezone, to: newer.timezone });
  return out;
}
