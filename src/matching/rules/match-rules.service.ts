import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { InvalidInput } from '../../common/domain-error.js';
import type { MatchRuleSetInput } from '../dto/matching.types.js';
import { MatchRuleSetEntity } from './match-rule-set.entity.js';
import { isValidTimeZone, scheduleProblem } from './match-rules.validation.js';

/**
 * A rule set's values without its identity: what an update or a preview works with, and what the
 * engine takes as its MatchRules (schedule, time zone and note concern the scheduler and people).
 */
export type RuleValues = Omit<MatchRuleSetEntity, 'version' | 'createdBy' | 'createdAt'>;

/** Older versions are kept for audit; the history query shows this many, newest first. */
export const HISTORY_LIMIT = 200;

/** Versioned match rules: every change stores a new immutable version; the newest is active. */
@Injectable()
export class MatchRulesService {
  private readonly logger = new Logger(MatchRulesService.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async active(): Promise<MatchRuleSetEntity> {
    const [newest] = await this.db.getRepository(MatchRuleSetEntity).find({ order: { version: 'DESC' }, take: 1 });
    // Migration 1764400000003 stores version 1 and the table refuses deletes.
    if (!newest) throw new Error('No match rule set: migration 1764400000003 has not run');
    return newest;
  }

  history(): Promise<MatchRuleSetEntity[]> {
    return this.db.getRepository(MatchRuleSetEntity).find({ order: { version: 'DESC' }, take: HISTORY_LIMIT });
  }

  /** The active values with the input laid over them, checked as a whole; `path` prefixes field names in errors. */
  async overlay(input: MatchRuleSetInput | null, path = ''): Promise<RuleValues> {
    return overlayRules(await this.active(), input, path);
  }

  /** Stores the active rules changed by the input as the next version. */
  async update(accountId: string, input: MatchRuleSetInput): Promise<MatchRuleSetEntity> {
    const saved = await this.db.transaction(async (tx) => {
      // Serialises updates so that two admins never compute the same next version.
      await tx.query('LOCK TABLE match_rule_set IN SHARE ROW EXCLUSIVE MODE');
      const repo = tx.getRepository(MatchRuleSetEntity);
      const [active] = await repo.find({ order: { version: 'DESC' }, take: 1 });
      const values = overlayRules(active, input);
      const version = active.version + 1;
      await repo.insert({ ...values, version, createdBy: accountId });
      return repo.findOneByOrFail({ version });
    });
    this.logger.log({ msg: 'match rules updated', version: saved.version, by: accountId });
    return saved;
  }
}

/** Pure: the base values changed by the input (omitted or null keeps), checked as a whole. */
export function overlayRules(base: RuleValues, input: MatchRuleSetInput | null, path = ''): RuleValues {
  const pick = <T>(value: T | null | undefined, fallback: T): T => (value === null || value === undefined ? fallback : value);
  const w = input?.weights;
  const values: RuleValues = {
    weights: {
      complementarity: pick(w?.complementarity, base.weights.complementarity),
      mutuality: pick(w?.mutuality, base.weights.mutuality),
      proximity: pick(w?.proximity, base.weights.proximity),
      crossSector: pick(w?.crossSector, base.weights.crossSector),
      initiativeNeed: pick(w?.initiativeNeed, base.weights.initiativeNeed),
      availability: pick(w?.availability, base.weights.availability),
    },
    minScore: pick(input?.minScore, base.minScore),
    maxDistanceKm: pick(input?.maxDistanceKm, base.maxDistanceKm),
    maxIntroductionsPerPersonPerRun: pick(input?.maxIntroductionsPerPersonPerRun, base.maxIntroductionsPerPersonPerRun),
    cooldownDays: pick(input?.cooldownDays, base.cooldownDays),
    excludeSameOrganisation: pick(input?.excludeSameOrganisation, base.excludeSameOrganisation),
    schedule: pick(input?.schedule, base.schedule),
    timezone: pick(input?.timezone, base.timezone),
    // A note explains one version; it is not inherited.
    note: input?.note || null,
  };
  if (!isValidTimeZone(values.timezone)) {
    throw new InvalidInput(`timezone "${values.timezone}" is not an IANA time zone such as Europe/Amsterdam`, { field: `${path}timezone`, value: values.timezone });
  }
  const problem = scheduleProblem(values.schedule, values.timezone);
  if (problem) throw new InvalidInput(problem, { field: `${path}schedule`, value: values.schedule });
  if (Object.values(values.weights).every((weight) => weight === 0)) {
    throw new InvalidInput('At least one weight must be above 0, or every score would be 0', { field: `${path}weights` });
  }
  return values;
}
