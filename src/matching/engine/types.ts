// Input and output of the matching engine (issue #4). Plain TypeScript: the caller (a match run or
// a preview) loads everything from PostgreSQL, filters eligibility, and hands over plain values.
import type { RegionScope, Sector } from '../../common/enums.js';

export interface MatchOffer {
  disciplineId: number;
  /** Level rank 1 (BASIC) … 3 (EXPERT), as LEVEL_RANK. */
  levelRank: number;
}

/** Someone eligible this run: opted in, not paused, due for a digest given their frequency. */
export interface MatchPerson {
  /** Unique; the final tie-break everywhere (plain string order). */
  id: string;
  /** Shown in reasons ("Anna biedt …"). */
  name: string;
  offers: readonly MatchOffer[];
  /** Sought disciplines; seeking has no level. */
  seeks: readonly number[];
  municipalityCode: string | null;
  scope: RegionScope;
  sector: Sector;
  /** Compared trimmed and case-insensitively; null or blank never equals anything. */
  organisation: string | null;
  availableHoursPerMonth: number | null;
  /** The person's own cap per digest; the run cap applies too. */
  maxIntroductionsPerDigest: number;
}

export interface MatchPlace {
  /** Municipality code (GMxxxx). */
  code: string;
  provinceCode: string;
  /** Shown in reasons ("jullie werken allebei in Zuid-Holland"). */
  provinceName: string;
  latitude: number;
  longitude: number;
}

/** A discipline of the taxonomy tree: parent (null for a root) and names for reasons. */
export interface MatchDiscipline {
  parentId: number | null;
  nl: string;
  en: string;
}

/** An open expertise need of an initiative. */
export interface MatchNeed {
  id: string;
  disciplineId: number;
  /** Minimum level rank the offer must have. */
  minLevelRank: number;
  hoursPerMonth: number | null;
}

/** An initiative with open needs. */
export interface MatchInitiative {
  id: string;
  title: string;
  municipalityCode: string | null;
  /** In the order they joined; proposals go to the first one who is eligible this run. */
  initiatorIds: readonly string[];
  needs: readonly MatchNeed[];
}

/** Same values as IntroductionStatus (kept apart: that enum lives with its GraphQL registration). */
export type HistoryStatus = 'PROPOSED' | 'SENT' | 'ACCEPTED' | 'CONNECTED' | 'DECLINED' | 'EXPIRED';

/** An earlier introduction between two people (either order), of any kind. */
export interface HistoryEntry {
  a: string;
  b: string;
  status: HistoryStatus;
  date: Date;
}

export interface MatchWeights {
  complementarity: number;
  mutuality: number;
  proximity: number;
  crossSector: number;
  initiativeNeed: number;
  availability: number;
}

/** The matching part of a rule set (schedule and timezone concern the scheduler only). */
export interface MatchRules {
  /** Each 0–10. */
  weights: MatchWeights;
  /** 0–1: proposals below it are never made. */
  minScore: number;
  /** LOCAL people are introduced within this distance; also where proximity has halved. */
  maxDistanceKm: number;
  maxIntroductionsPerPersonPerRun: number;
  cooldownDays: number;
  excludeSameOrganisation: boolean;
}

export interface MatchLimits {
  /**
   * Candidate bound K: per seeker and sought discipline (and per initiative need) at most K
   * offerers are looked at. Default DEFAULT_CANDIDATES_PER_SEEK (engine.ts).
   */
  candidatesPerSeek?: number;
}

export interface MatchInput {
  people: readonly MatchPerson[];
  places: readonly MatchPlace[];
  /** Every discipline by id. Ids missing here count as roots named by their number. */
  disciplines: ReadonlyMap<number, MatchDiscipline>;
  initiatives: readonly MatchInitiative[];
  history: readonly HistoryEntry[];
  rules: MatchRules;
  /** The run's moment, for the cool-down. */
  now: Date;
  limits?: MatchLimits;
}

export type ProposalKind = 'PEER' | 'INITIATIVE';

/** Who a reason is written for: side a, side b, or both. */
export type ReasonAudience = 'a' | 'b' | 'both';

export interface MatchReason {
  code: string;
  /** This reason's share of the score; per audience ('a' or 'b', plus 'both') the shares sum to the score. */
  weight: number;
  audience: ReasonAudience;
  nl: string;
  en: string;
}

export interface Proposal {
  kind: ProposalKind;
  /** PEER: the smaller id of the two. INITIATIVE: the professional. */
  a: string;
  /** PEER: the larger id. INITIATIVE: the initiator the professional is introduced to. */
  b: string;
  /** INITIATIVE only. */
  initiativeId: string | null;
  /** INITIATIVE only: the open need the professional fits best. */
  needId: string | null;
  /** In [0, 1], rounded to 9 decimals. */
  score: number;
  reasons: MatchReason[];
}

export interface MatchStats {
  eligiblePeople: number;
  /** Distinct candidate introductions that passed every constraint and minScore, before the caps. */
  candidatePairs: number;
  proposed: number;
  peopleWithIntroduction: number;
  /** Mean proposal score, 0 when nothing is proposed. */
  meanScore: number;
}

export interface MatchResult {
  /** Best first: the order in which the b-matching took them. */
  proposals: Proposal[];
  stats: MatchStats;
}
