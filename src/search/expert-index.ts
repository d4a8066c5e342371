// An in-memory index of who offers what, for expertise search. Plain TypeScript: no Nest,
// database or Redis imports (expert-index.sync.ts keeps it in step with PostgreSQL).
//
// Why in memory: a search for a popular discipline touches ~20% of a national network
// (20,000 of 100,000 people) and must score and rank all of them for an exact totalCount
// and stable pages. In PostgreSQL that took 170–800 ms per query on the CI machine; here it
// is a pass over typed arrays (BENCHMARKS.md). Memory: ~200 bytes a person plus their text.
import { availability } from '../professionals/availability.js';
import { distanceKm } from '../regions/distance.js';
import { proximityOf, scoreSum, weightTotal } from './expert-score.js';

export type LexemeWeight = 'A' | 'B' | 'C' | 'D';

/**
 * What a search shows of a person: the public fields of their profile, nothing private. The
 * index keeps one per person, apart from what it needs only for changes (offers, words), so
 * that a page of results reads 20 small objects rather than 20 documents scattered over a
 * large heap (each a cache and TLB miss; BENCHMARKS.md, issue #3).
 */
export interface ExpertProfile {
  readonly id: string;
  readonly name: string;
  readonly headline: string | null;
  readonly bio: string | null;
  readonly organisation: string | null;
  readonly sector: string;
  readonly scope: string;
  readonly municipalityCode: string | null;
  readonly availableHoursPerMonth: number | null;
}

/** One instance of each string that many people share (sector, scope, municipality code). */
export class SharedStrings {
  private readonly strings = new Map<string, string>();

  get(value: string): string {
    let found = this.strings.get(value);
    if (found === undefined) {
      found = value;
      this.strings.set(value, value);
    }
    return found;
  }
}

/** The public fields of a person only, in a frozen object of their own, shared strings stored once. */
export function toProfile(person: ExpertProfile, strings: SharedStrings): ExpertProfile {
  return Object.freeze({
    id: person.id,
    name: person.name,
    headline: person.headline,
    bio: person.bio,
    organisation: person.organisation,
    sector: strings.get(person.sector),
    scope: strings.get(person.scope),
    municipalityCode: person.municipalityCode === null ? null : strings.get(person.municipalityCode),
    availableHoursPerMonth: person.availableHoursPerMonth,
  });
}

export interface ExpertOffer {
  readonly disciplineId: number;
  /** Level rank 1 (BASIC) … 3 (EXPERT). */
  readonly levelRank: number;
}

/** A person as the index takes them in. */
export interface ExpertDoc extends ExpertProfile {
  optedIn: boolean;
  offers: readonly ExpertOffer[];
  /** Lexemes of name, headline, organisation and bio as PostgreSQL's Dutch configuration stems them, with their best weight. */
  lexemes: readonly { lexeme: string; weight: LexemeWeight }[];
}

export interface Place {
  code: string;
  provinceCode: string;
  latitude: number;
  longitude: number;
}

export interface ExpertQuery {
  /** Per requested discipline: the discipline ids that meet it (itself and its descendants). */
  requested: readonly (readonly number[])[];
  minLevelRank: number;
  sectors: ReadonlySet<string> | null;
  provinceCode: string | null;
  /** Reference municipality: distances are measured from it. */
  near: string | null;
  withinKm: number | null;
  /** Lexemes that must all occur (AND), or null for no text search. */
  lexemes: readonly string[] | null;
  excludeId: string;
  after: { score: number; id: string } | null;
  first: number;
}

export interface ExpertHit {
  profile: ExpertProfile;
  /** The person's slot in the index: theirs until they are changed or removed. */
  slot: number;
  score: number;
  /** Indexes into `requested` of the disciplines the person offers. */
  matched: number[];
  distanceKm: number | null;
}

export interface ExpertResult {
  total: number;
  hits: ExpertHit[];
  hasNextPage: boolean;
}

const LEVEL_WEIGHTS = [0, 0.5, 0.75, 1];
/**
 * LEVEL_WEIGHTS × 4. A sum of level weights is a multiple of 0.25, which a double holds exactly,
 * so summing quarters in a byte and dividing by 4 gives the very double that summing the weights
 * would: (0.5 + 0.75) = 1.25 = (2 + 3) / 4.
 */
const LEVEL_QUARTERS = [0, 2, 3, 4];
/** Requested disciplines a search can combine: their bits fit a Uint16Array, 4 × their weights a byte. */
const MAX_REQUESTED = 16;
/**
 * The availability part of the score by code: 0 for unknown hours, 1 + h for h = 0…20 whole
 * hours (more than 20 count as 20). Other values (not whole, negative: the API never stores
 * them) have ODD_AVAILABILITY and are computed from the person's hours when scored.
 */
const AVAILABILITY_BY_CODE = Float64Array.from({ length: 22 }, (_, code) => availability(code === 0 ? null : code - 1));
const ODD_AVAILABILITY = 255;

// A slot's facts for the search loop, packed in one 32-bit word: a candidate costs one memory
// read instead of one per column. In the server the index's arrays are mostly out of the CPU's
// caches by the next search, so each read is a likely miss (BENCHMARKS.md, issue #3).
const OPTED_IN = 1;
const NATIONAL = 2;
/** Bits 2–9: availability code (AVAILABILITY_BY_CODE, ODD_AVAILABILITY). */
const AVAILABILITY_SHIFT = 2;
/** Bits 10–17: sector code (codeOf). */
const SECTOR_SHIFT = 10;
/** Bits 18–29: index into `places` + 1; 0 for no place. */
const PLACE_SHIFT = 18;
const MAX_PLACES = (1 << 12) - 2;

function availabilityCode(hours: number | null): number {
  if (hours === null) return 0;
  return Number.isInteger(hours) && hours >= 0 ? Math.min(hours, 20) + 1 : ODD_AVAILABILITY;
}
/** ts_rank's default weights for A, B, C, D. */
const LEXEME_WEIGHTS: Record<LexemeWeight, number> = { A: 1, B: 0.4, C: 0.2, D: 0.1 };
/** A lexeme's weight as a posting code: the better the weight, the higher the code. */
const LEXEME_CODES: Record<LexemeWeight, number> = { D: 0, C: 1, B: 2, A: 3 };
const WEIGHT_OF_CODE = [LEXEME_WEIGHTS.D, LEXEME_WEIGHTS.C, LEXEME_WEIGHTS.B, LEXEME_WEIGHTS.A];

/** A posting packed for scans: slots ascending, each with its code. */
interface Packed {
  slots: Int32Array;
  codes: Uint8Array;
}

const EMPTY: Packed = { slots: new Int32Array(0), codes: new Uint8Array(0) };

/**
 * Who offers one discipline (code: level rank 1–3) or whose text has one lexeme (code: weight,
 * 0 for D … 3 for A). Entries are only appended: a person's entries die when their slot's
 * generation moves on (removal), and dead ones are dropped when the posting is packed or when
 * they outnumber the live ones. Appending is what keeps loading 100,000 people fast; a Map per
 * posting took twice as long.
 */
class Posting {
  /** Bumped on every change, so packed and merged copies can tell they are stale. */
  version = 0;
  private slots: number[] = [];
  private generations: number[] = [];
  private codes: number[] = [];
  private dead = 0;
  private packed: Packed | null = null;

  /** @param key the lexeme, for a posting of `mentions` */
  constructor(readonly key: string | null = null) {}

  get size(): number {
    return this.slots.length - this.dead;
  }

  add(slot: number, generation: number, code: number): void {
    this.slots.push(slot);
    this.generations.push(generation);
    this.codes.push(code);
    this.changed();
  }

  /** One entry died: its person was removed, and `generationOf` has moved on for them. */
  drop(): void {
    this.dead += 1;
    this.changed();
  }

  /** Once every entry of a removed person has been dropped: compacts when the dead outnumber the live. */
  tidy(generationOf: Int32Array): void {
    if (this.dead > this.size) this.compact(generationOf);
  }

  /** Live entries in slot order; a person with several entries (a repeated lexeme) gets the highest code. */
  pack(generationOf: Int32Array): Packed {
    if (this.packed === null) {
      this.compact(generationOf);
      // slot · 4 + code sorts by slot, then code: the last key of a slot has its highest code.
      const keys = new Int32Array(this.slots.length);
      for (let i = 0; i < keys.length; i++) keys[i] = this.slots[i] * 4 + this.codes[i];
      keys.sort();
      let n = 0;
      for (let i = 0; i < keys.length; i++) if (i === keys.length - 1 || keys[i] >> 2 !== keys[i + 1] >> 2) keys[n++] = keys[i];
      const slots = new Int32Array(n);
      const codes = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        slots[i] = keys[i] >> 2;
        codes[i] = keys[i] & 3;
      }
      this.packed = { slots, codes };
    }
    return this.packed;
  }

  private compact(generationOf: Int32Array): void {
    let n = 0;
    for (let i = 0; i < this.slots.length; i++) {
      if (this.generations[i] !== generationOf[this.slots[i]]) continue;
      this.slots[n] = this.slots[i];
      this.generations[n] = this.generations[i];
      this.codes[n] = this.codes[i];
      n++;
    }
    this.slots.length = n;
    this.generations.length = n;
    this.codes.length = n;
    this.dead = 0;
  }

  private changed(): void {
    this.version += 1;
    this.packed = null;
  }
}

/** A requested discipline with descendants: everyone offering any of them, with their best level rank. */
interface MergedOffers {
  parts: Posting[];
  versions: number[];
  packed: Packed;
}

/** Bound on the merged postings kept (one per requested discipline that has descendants). */
const MAX_MERGED = 256;
/** Stamps restart from 1 (and their marks are cleared) before they could overflow an Int32Array. */
const MAX_STAMP = 2 ** 30;

/**
 * A number that orders ids as `<` does wherever two numbers differ: the first 7 UTF-16 units in
 * base 128, a missing unit counting as 0; NaN when one of them is not ASCII. Ties (and NaN) fall
 * back to comparing the strings. It lets the search rank people with equal scores without
 * reading their id strings, each of which would cost a cache miss.
 */
function idKey(id: string): number {
  let key = 0;
  for (let i = 0; i < 7; i++) {
    const unit = i < id.length ? id.charCodeAt(i) : 0;
    if (unit > 127) return Number.NaN;
    key = key * 128 + unit;
  }
  return key;
}

export class ExpertIndex {
  private readonly slotOf = new Map<string, number>();
  private readonly free: number[] = [];
  // One entry per slot, columns kept apart so the search loop reads typed arrays.
  private profiles: (ExpertProfile | null)[] = [];
  private offersOfSlot: (readonly ExpertOffer[] | null)[] = [];
  /** The postings of the slot's lexemes (`mentions`), so that removing them needs no strings. */
  private mentionsOfSlot: (Posting[] | null)[] = [];
  private ids: string[] = [];
  private idKeys = new Float64Array(0);
  /** Moves on when the slot's person is removed: their posting entries die with it. */
  private generation = new Int32Array(0);
  /** What the search loop needs of a slot, in one word (see OPTED_IN … PLACE_SHIFT). */
  private facts = new Uint32Array(0);
  private readonly sectorCodes = new Map<string, number>();
  private readonly strings = new SharedStrings();
  /** Discipline id → who offers it. */
  private readonly offers = new Map<number, Posting>();
  /** Lexeme → whose text has it, with the code of its best weight there. */
  private readonly mentions = new Map<string, Posting>();
  /** Discipline ids (joined with ",") → their offers merged; searches for a group read one list. */
  private readonly merged = new Map<string, MergedOffers>();
  private readonly placeIndex: Map<string, number>;
  /** Place index → distances (km) from it to every place, computed at the first search near it. */
  private readonly distances = new Map<number, Float64Array>();
  /** Place index → the proximity part of the score for every place (see proximityFrom). */
  private readonly proximities = new Map<number, Float64Array>();
  /** Proximity for a search without `near`: NaN everywhere (left out of the score). Never written. */
  private readonly noProximity: Float64Array;
  // Scratch space reused across searches (one search runs at a time: JS is single-threaded).
  /** Per slot while merging postings: the best level rank, 0 for none (left all 0 after). */
  private bestRank = new Uint8Array(0);
  private textStamp = 0;
  private textMarks = new Int32Array(0);
  private textSums = new Float64Array(0);
  // A search for several disciplines: the people met (mergedSlots), and per slot the sum of
  // their level weights in quarters (LEVEL_QUARTERS) and the bits of the requested disciplines they meet (0: not met yet).
  private mergedSlots = new Int32Array(0);
  private mergedCoverage = new Uint8Array(0);
  private mergedMasks = new Uint16Array(0);

  constructor(private readonly places: readonly Place[]) {
    this.placeIndex = new Map(places.map((p, i) => [p.code, i]));
    if (places.length > MAX_PLACES) throw new Error(`The search index holds at most ${MAX_PLACES} places (got ${places.length})`);
    this.noProximity = new Float64Array(places.length + 1).fill(Number.NaN);
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** Adds or replaces a person; returns their slot. */
  upsert(doc: ExpertDoc): number {
    this.remove(doc.id);
    const slot = this.free.pop() ?? this.profiles.length;
    this.grow(slot + 1);
    const place = doc.municipalityCode ? (this.placeIndex.get(doc.municipalityCode) ?? -1) : -1;
    this.profiles[slot] = toProfile(doc, this.strings);
    this.offersOfSlot[slot] = doc.offers;
    this.ids[slot] = doc.id;
    this.idKeys[slot] = idKey(doc.id);
    this.facts[slot] =
      (doc.optedIn ? OPTED_IN : 0) |
      (doc.scope === 'NATIONAL' ? NATIONAL : 0) |
      (availabilityCode(doc.availableHoursPerMonth) << AVAILABILITY_SHIFT) |
      (this.codeOf(doc.sector) << SECTOR_SHIFT) |
      ((place + 1) << PLACE_SHIFT);
    this.slotOf.set(doc.id, slot);
    const generation = this.generation[slot];
    for (const { disciplineId, levelRank } of doc.offers) this.offersOf(disciplineId).add(slot, generation, levelRank);
    const mentions: Posting[] = [];
    for (const { lexeme, weight } of doc.lexemes) {
      let posting = this.mentions.get(lexeme);
      if (!posting) {
        posting = new Posting(lexeme);
        this.mentions.set(lexeme, posting);
      }
      posting.add(slot, generation, LEXEME_CODES[weight]);
      mentions.push(posting);
    }
    this.mentionsOfSlot[slot] = mentions;
    return slot;
  }

  /** Removes a person; returns the slot they had, or -1. */
  remove(id: string): number {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return -1;
    const mentions = this.mentionsOfSlot[slot]!;
    this.generation[slot] += 1;
    const postings = [...this.offersOfSlot[slot]!.map((o) => this.offersOf(o.disciplineId)), ...mentions];
    for (const posting of postings) posting.drop();
    for (const posting of new Set(postings)) posting.tidy(this.generation);
    for (const posting of mentions) if (posting.size === 0) this.mentions.delete(posting.key!);
    this.profiles[slot] = null;
    this.offersOfSlot[slot] = null;
    this.mentionsOfSlot[slot] = null;
    this.facts[slot] = 0;
    this.slotOf.delete(id);
    this.free.push(slot);
    return slot;
  }

  search(q: ExpertQuery): ExpertResult {
    this.ensureScratch();
    // A search by text alone (no disciplines): the text rank stands in for coverage (expert-score.ts).
    const textOnly = q.requested.length === 0;
    if (textOnly && (q.lexemes === null || q.lexemes.length === 0)) return { total: 0, hits: [], hasNextPage: false };
    // Text first: it can rule everyone out before any other work.
    let textStamp = -1;
    if (q.lexemes !== null && q.lexemes.length > 0) {
      textStamp = this.markText(q.lexemes);
      if (textStamp < 0) return { total: 0, hits: [], hasNextPage: false };
    }

    // 1. Candidates and their coverage. With one requested discipline the candidates are its
    //    (merged) posting as it is; with more, each is gathered with the best level weight
    //    offered for each requested discipline, summed in request order.
    const k = q.requested.length;
    if (k > MAX_REQUESTED) throw new Error(`A search combines at most ${MAX_REQUESTED} disciplines (got ${k})`);
    const minLevelRank = q.minLevelRank;
    let candidates: Int32Array;
    let ranks: Uint8Array | null = null;
    let count = 0;
    const coverage = this.mergedCoverage;
    const masks = this.mergedMasks;
    if (textOnly) {
      // Everyone with every lexeme has the first one: its posting holds the candidates (the loop keeps the marked).
      candidates = this.mentions.get(q.lexemes![0])!.pack(this.generation).slots;
      count = candidates.length;
    } else if (k === 1) {
      ({ slots: candidates, codes: ranks } = this.offersFor(q.requested[0]));
      count = candidates.length;
    } else {
      candidates = this.mergedSlots;
      for (let r = 0; r < k; r++) {
        const { slots, codes: ranks } = this.offersFor(q.requested[r]);
        const bit = 1 << r;
        for (let i = 0; i < slots.length; i++) {
          const rank = ranks[i];
          if (rank < minLevelRank) continue;
          const slot = slots[i];
          if (masks[slot] === 0) {
            coverage[slot] = 0;
            candidates[count++] = slot;
          }
          coverage[slot] += LEVEL_QUARTERS[rank];
          masks[slot] |= bit;
        }
      }
    }

    // 2. Filters, score, exact total, and the page (a bounded insertion list of first + 1).
    const near = q.near !== null ? (this.placeIndex.get(q.near) ?? -1) : -1;
    const distances = near >= 0 ? this.distancesFrom(near) : null;
    let inProvince: Uint8Array | null = null;
    if (q.provinceCode !== null) inProvince = Uint8Array.from(this.places, (p) => (p.provinceCode === q.provinceCode ? 1 : 0));
    let sectors: Uint8Array | null = null;
    if (q.sectors) {
      sectors = new Uint8Array(256);
      for (const sector of q.sectors) sectors[this.codeOf(sector)] = 1;
    }
    const withinKm = q.withinKm;
    const hasText = q.lexemes !== null;
    const after = q.after;
    const afterKey = after !== null ? idKey(after.id) : 0;
    const limit = q.first + 1;
    // Compare slots, not id strings: reading every candidate's id string costs a cache miss each.
    const excludeSlot = this.slotOf.get(q.excludeId) ?? -1;
    const { facts, textMarks, textSums } = this;
    // Proximity by place index + 1 (0: people without a place); all NaN (left out of the score)
    // without `near`. One typed-array read per candidate: choosing between such a read and a
    // constant made V8 box every candidate's proximity on the heap (300 KB per popular search).
    const proximity = near >= 0 ? this.proximityFrom(near) : this.noProximity;
    const hasWithin = withinKm !== null;
    const within = withinKm ?? 0;
    // A score is scoreSum / norm rounded to 9 decimals, with the same norm for every candidate.
    // So a candidate whose sum falls short of the page's last one by more than `margin` (two
    // rounding steps) cannot enter the page, and one whose sum exceeds the cursor's by as much
    // was on an earlier page: neither needs its exact score (a division and a rounding).
    const norm = weightTotal(near >= 0, hasText && !textOnly);
    const margin = norm * 2e-9;
    const afterSum = after !== null ? after.score * norm : Number.POSITIVE_INFINITY;
    /** Indexes into `candidates`, best first, with their scores and sums. */
    const page = new Int32Array(limit + 1);
    const pageScores = new Float64Array(limit + 1);
    const pageSums = new Float64Array(limit + 1);
    let n = 0;
    let total = 0;
    for (let i = 0; i < count; i++) {
      let slot: number;
      let slotCoverage: number;
      if (ranks !== null) {
        const rank = ranks[i];
        if (rank < minLevelRank) continue;
        slot = candidates[i];
        slotCoverage = LEVEL_WEIGHTS[rank];
      } else {
        slot = candidates[i];
        slotCoverage = textOnly ? 0 : coverage[slot] / 4 / k;
      }
      const info = facts[slot];
      if ((info & OPTED_IN) === 0 || slot === excludeSlot) continue;
      if (sectors !== null && sectors[(info >> SECTOR_SHIFT) & 0xff] === 0) continue;
      const placeCode = info >> PLACE_SHIFT;
      const place = placeCode - 1;
      if (inProvince !== null && (place < 0 || inProvince[place] === 0)) continue;
      if (hasWithin && (info & NATIONAL) === 0 && (distances === null || place < 0 || distances[place] > within)) continue;
      let textRank = Number.NaN;
      if (hasText) {
        if (textStamp >= 0 && textMarks[slot] !== textStamp) continue;
        const sum = textStamp >= 0 ? textSums[slot] : 0;
        textRank = sum / (sum + 1);
        if (textOnly) {
          slotCoverage = textRank;
          textRank = Number.NaN;
        }
      }
      total += 1;
      const slotProximity = proximity[placeCode];
      const hoursCode = (info >> AVAILABILITY_SHIFT) & 0xff;
      const slotAvailability =
        hoursCode !== ODD_AVAILABILITY ? AVAILABILITY_BY_CODE[hoursCode] : availability(this.profiles[slot]!.availableHoursPerMonth);
      const sum = scoreSum(slotCoverage, slotAvailability, slotProximity, textRank);
      if (n === limit && sum < pageSums[n - 1] - margin) continue;
      if (sum > afterSum + margin) continue;
      const score = Math.round((sum / norm) * 1e9) / 1e9;
      if (after !== null && !(after.score > score || (after.score === score && this.keyBefore(afterKey, after.id, slot)))) continue;
      if (n === limit && !this.before(score, slot, pageScores[n - 1], candidates[page[n - 1]])) continue;
      let at = n;
      while (at > 0 && this.before(score, slot, pageScores[at - 1], candidates[page[at - 1]])) {
        page[at] = page[at - 1];
        pageScores[at] = pageScores[at - 1];
        pageSums[at] = pageSums[at - 1];
        at--;
      }
      page[at] = i;
      pageScores[at] = score;
      pageSums[at] = sum;
      if (n < limit) n++;
    }
    const hits: ExpertHit[] = [];
    for (let h = 0; h < Math.min(q.first, n); h++) {
      const slot = candidates[page[h]];
      const matched: number[] = [];
      if (k === 1) matched.push(0);
      else for (let r = 0; r < k; r++) if (masks[slot] & (1 << r)) matched.push(r);
      const place = (facts[slot] >> PLACE_SHIFT) - 1;
      const distance = distances !== null && place >= 0 ? Math.round(distances[place] * 10) / 10 : null;
      hits.push({ profile: this.profiles[slot]!, slot, score: pageScores[h], matched, distanceKm: distance });
    }
    if (k > 1) for (let i = 0; i < count; i++) masks[candidates[i]] = 0;
    return { total, hits, hasNextPage: n > q.first };
  }

  /** Everyone opted in who offers any of the disciplines (at any level), except `excluded`. */
  offering(disciplineIds: readonly number[], excluded: ReadonlySet<string>): { profile: ExpertProfile; slot: number; offers: readonly ExpertOffer[] }[] {
    const found = new Set<number>();
    for (const slot of this.offersFor(disciplineIds).slots) if ((this.facts[slot] & OPTED_IN) !== 0 && !excluded.has(this.ids[slot])) found.add(slot);
    return [...found].map((slot) => ({ profile: this.profiles[slot]!, slot, offers: this.offersOfSlot[slot]! }));
  }

  /** Whether the person in slot a ranks before the one in slot b. */
  private before(aScore: number, a: number, bScore: number, b: number): boolean {
    if (aScore !== bScore) return aScore > bScore;
    const aKey = this.idKeys[a];
    const bKey = this.idKeys[b];
    if (aKey < bKey) return true;
    if (aKey > bKey) return false;
    return this.ids[a] < this.ids[b];
  }

  /** Whether `id` (whose idKey is `key`) is smaller than the id of the person in `slot`. */
  private keyBefore(key: number, id: string, slot: number): boolean {
    const slotKey = this.idKeys[slot];
    if (key < slotKey) return true;
    if (key > slotKey) return false;
    return id < this.ids[slot];
  }

  /**
   * Marks everyone whose text has every lexeme: returns the stamp left in `textMarks` for them,
   * with their weights summed in `textSums` (in the order of `lexemes`), or -1 when nobody can.
   */
  private markText(lexemes: readonly string[]): number {
    const postings: Posting[] = [];
    for (const lexeme of lexemes) {
      const posting = this.mentions.get(lexeme);
      if (!posting) return -1;
      postings.push(posting);
    }
    if (this.textStamp + postings.length >= MAX_STAMP) {
      this.textMarks.fill(0);
      this.textStamp = 0;
    }
    const marks = this.textMarks;
    const sums = this.textSums;
    const first = ++this.textStamp;
    const { slots, codes } = postings[0].pack(this.generation);
    for (let i = 0; i < slots.length; i++) {
      marks[slots[i]] = first;
      sums[slots[i]] = WEIGHT_OF_CODE[codes[i]];
    }
    for (let l = 1; l < postings.length; l++) {
      const previous = this.textStamp;
      const stamp = ++this.textStamp;
      const { slots, codes } = postings[l].pack(this.generation);
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i];
        if (marks[slot] !== previous) continue;
        marks[slot] = stamp;
        sums[slot] += WEIGHT_OF_CODE[codes[i]];
      }
    }
    return this.textStamp;
  }

  /** Who offers any of the disciplines, with the best level rank each offers among them, in slot order. */
  private offersFor(disciplineIds: readonly number[]): Packed {
    if (disciplineIds.length === 1) return this.offers.get(disciplineIds[0])?.pack(this.generation) ?? EMPTY;
    const key = disciplineIds.join(',');
    const cached = this.merged.get(key);
    if (cached && cached.parts.every((p, i) => p.version === cached.versions[i])) return cached.packed;
    const parts = disciplineIds.map((id) => this.offersOf(id));
    const versions = parts.map((p) => p.version);
    // Best rank per slot in scratch space (0: offers none of them), then one pass over the slots
    // collects them in order: no sort, and as cheap for a group of 70,000 as a pass over everyone.
    this.ensureScratch();
    const bestRank = this.bestRank;
    let count = 0;
    for (const part of parts) {
      const { slots, codes } = part.pack(this.generation);
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i];
        if (bestRank[slot] === 0) count++;
        if (codes[i] > bestRank[slot]) bestRank[slot] = codes[i];
      }
    }
    const packed = { slots: new Int32Array(count), codes: new Uint8Array(count) };
    for (let slot = 0, n = 0; n < count; slot++) {
      if (bestRank[slot] === 0) continue;
      packed.slots[n] = slot;
      packed.codes[n++] = bestRank[slot];
      bestRank[slot] = 0;
    }
    if (!cached && this.merged.size >= MAX_MERGED) this.merged.clear();
    this.merged.set(key, { parts, versions, packed });
    return packed;
  }

  private codeOf(sector: string): number {
    let code = this.sectorCodes.get(sector);
    if (code === undefined) {
      code = this.sectorCodes.size + 1;
      if (code > 0xff) throw new Error('The search index holds at most 255 sectors');
      this.sectorCodes.set(sector, code);
    }
    return code;
  }

  /** Makes room for `n` slots in every column. */
  private grow(n: number): void {
    if (this.facts.length >= n) return;
    const size = Math.max(1024, n * 2);
    const widen = <T extends Int32Array | Uint32Array | Float64Array>(old: T, make: (size: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.idKeys = widen(this.idKeys, (n) => new Float64Array(n));
    this.generation = widen(this.generation, (n) => new Int32Array(n));
    this.facts = widen(this.facts, (n) => new Uint32Array(n));
  }

  private offersOf(disciplineId: number): Posting {
    let posting = this.offers.get(disciplineId);
    if (!posting) {
      posting = new Posting();
      this.offers.set(disciplineId, posting);
    }
    return posting;
  }

  private proximityFrom(place: number): Float64Array {
    let proximity = this.proximities.get(place);
    if (!proximity) {
      const distances = this.distancesFrom(place);
      // By place index + 1, as in `facts`: entry 0 is for people without a place.
      proximity = new Float64Array(this.places.length + 1);
      proximity[0] = proximityOf(null);
      for (let p = 0; p < this.places.length; p++) proximity[p + 1] = proximityOf(distances[p]);
      this.proximities.set(place, proximity);
    }
    return proximity;
  }

  private distancesFrom(place: number): Float64Array {
    let distances = this.distances.get(place);
    if (!distances) {
      const from = this.places[place];
      distances = Float64Array.from(this.places, (p) => distanceKm(from.latitude, from.longitude, p.latitude, p.longitude));
      this.distances.set(place, distances);
    }
    return distances;
  }

  /** Sizes the scratch arrays for every slot; fresh marks are 0, which no stamp in use equals. */
  private ensureScratch(): void {
    const n = this.profiles.length;
    if (this.bestRank.length >= n) return;
    const size = Math.max(1024, n * 2);
    this.bestRank = new Uint8Array(size);
    this.textMarks = new Int32Array(size);
    this.textSums = new Float64Array(size);
    this.mergedSlots = new Int32Array(size);
    this.mergedCoverage = new Uint8Array(size);
    this.mergedMasks = new Uint16Array(size);
  }
}
