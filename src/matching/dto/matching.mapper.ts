import type { MatchRuleSetEntity } from '../rules/match-rule-set.entity.js';
import type { RunOutcome, StoredRunStats } from '../runs/match-runs.service.js';
import type { MatchRuleSet, MatchRunStats } from './matching.types.js';

/** The stored rule set is already the GraphQL type's shape; only the author's id is named apart. */
export function toMatchRuleSet(e: MatchRuleSetEntity): MatchRuleSet {
  const { createdBy, ...rules } = e;
  return { ...rules, createdById: createdBy };
}

/** A run's stats: what its engine pass stored, and what happened since (emails, answers). */
export function toRunStats(stored: StoredRunStats, outcome: RunOutcome): MatchRunStats {
  const { proposed } = stored;
  return {
    eligiblePeople: stored.eligiblePeople,
    candidatePairs: stored.candidatePairs,
    proposed,
    peopleWithIntroduction: stored.peopleWithIntroduction,
    meanScore: stored.meanScore,
    emailsQueued: stored.emailsQueued,
    paused: stored.paused,
    emailsSent: outcome.emailsSent,
    emailsFailed: outcome.emailsFailed,
    accepted: outcome.accepted,
    declined: outcome.declined,
    connected: outcome.connected,
    expired: outcome.expired,
    acceptanceRate: proposed ? outcome.accepted / proposed : 0,
    connectionRate: proposed ? outcome.connected / proposed : 0,
    usefulnessRate: outcome.rated ? outcome.ratedUseful / outcome.rated : 0,
    shards: (stored.shards ?? []).map(({ shard, worker, candidateEdges, ms }) => ({ shard, worker, candidateEdges, durationMs: ms })),
  };
}
