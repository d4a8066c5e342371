// An in-memory index of who offers what, for expertise search. Plain TypeScript: no Nest,
// database or Redis imports (expert-index.sync.ts keeps it in step with PostgreSQL).
//
// Why in memory: a search for a popular discipline touches ~20% of a national network
// (20,000 of 100,000 people) and must score and rank all of them for an exact totalCount
// and stable pages. In PostgreSQL that took 170–800 ms per query on the CI machine; here it
// is a pass over typed arrays (BENCHMARKS.md). Memory: ~200 bytes a person plus their text.
import { scoreOf } from './expert-score.js';

export type LexemeWeight = 'A' | 'B' | 'C' | 'D';

export interface ExpertDoc {
  id: string;
  name: string;
  headline: string | null;
  bio: string | null;
  organisation: string | null;
  sector: string;
  scope: string;
  municipalityCode: string | null;
  availableHoursPerMonth: number | null;
  optedIn: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** Level rank 1 (BASIC) … 3 (EXPERT). */
  offers: readonly { disciplineId: number; levelRank: number }[];
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
  doc: ExpertDoc;
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
/** ts_rank's default weights for A, B, C, D. */
const LEXEME_WEIGHTS: Record<LexemeWeight, number> = { A: 1, B: 0.4, C: 0.2, D: 0.1 };
const EARTH_RADIUS_KM = 6371;
/** Bit 30 of a person's mask: touched by the current search (bits 0–29: requested disciplines met). */
const TOUCHED = 1 << 30;

/** Great-circle distance (haversine), km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
}

interface Posting {
  /** Slot → level rank; the truth. */
  levels: Map<number, number>;
  /** Packed copy for fast scans, rebuilt after a change. */
  slots: Int32Array | null;
  ranks: Uint8Array | null;
}


/** Orders hits best first: higher score, then smaller id. */
function before(aScore: number, aId: string, bScore: number, bId: string): boolean {
  return aScore > bScore || (aScore === bScore && aId < bId);
}

export class ExpertIndex {
  private readonly slotOf = new Map<string, number>();
  private readonly free: number[] = [];
  // One entry per slot, columns kept apart so the search loop reads typed arrays.
  private docs: (ExpertDoc | null)[] = [];
  private ids: string[] = [];
  /** Lexeme → weight value, for AND-matching and ranking. */
  private texts: (Map<string, number> | null)[] = [];
  private optedIn = new Uint8Array(0);
  private national = new Uint8Array(0);
  private sectorCode = new Uint8Array(0);
  /** Index into `places`, or -1. */
  private place = new Int16Array(0);
  /** Hours a month, or -1 when unknown. */
  private hours = new Int16Array(0);
  private readonly sectorCodes = new Map<string, number>();
  private readonly postings = new Map<number, Posting>();
  private readonly placeIndex: Map<string, number>;
  // Scratch space reused across searches (one search runs at a time: JS is single-threaded).
  private stamp = 0;
  private marks = new Int32Array(0);
  private best = new Float64Array(0);
  private coverage = new Float64Array(0);
  private masks = new Int32Array(0);

  constructor(private readonly places: readonly Place[]) {
    this.placeIndex = new Map(places.map((p, i) => [p.code, i]));
  }

  get size(): number {
    return this.slotOf.size;
  }

  upsert(doc: ExpertDoc): void {
    this.remove(doc.id);
    const slot = this.free.pop() ?? this.docs.length;
    this.grow(slot + 1);
    const text = new Map<string, number>();
    for (const { lexeme, weight } of doc.lexemes) text.set(lexeme, Math.max(text.get(lexeme) ?? 0, LEXEME_WEIGHTS[weight]));
    this.docs[slot] = doc;
    this.ids[slot] = doc.id;
    this.texts[slot] = text;
    this.optedIn[slot] = doc.optedIn ? 1 : 0;
    this.national[slot] = doc.scope === 'NATIONAL' ? 1 : 0;
    this.sectorCode[slot] = this.codeOf(doc.sector);
    this.place[slot] = doc.municipalityCode ? (this.placeIndex.get(doc.municipalityCode) ?? -1) : -1;
    this.hours[slot] = doc.availableHoursPerMonth ?? -1;
    this.slotOf.set(doc.id, slot);
    for (const { disciplineId, levelRank } of doc.offers) {
      const posting = this.posting(disciplineId);
      posting.levels.set(slot, Math.max(posting.levels.get(slot) ?? 0, levelRank));
      posting.slots = null;
    }
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    for (const { disciplineId } of this.docs[slot]!.offers) {
      const posting = this.posting(disciplineId);
      posting.levels.delete(slot);
      posting.slots = null;
    }
    this.docs[slot] = null;
    this.texts[slot] = null;
    this.optedIn[slot] = 0;
    this.slotOf.delete(id);
    this.free.push(slot);
  }

  search(q: ExpertQuery): ExpertResult {
    this.ensureScratch();
    const touched: number[] = [];
    // 1. Coverage: for each requested discipline, the best level each person offers for it.
    for (let r = 0; r < q.requested.length; r++) {
      const stamp = ++this.stamp;
      const seen: number[] = [];
      for (const disciplineId of q.requested[r]) {
        const { slots, ranks } = this.packed(disciplineId);
        for (let i = 0; i < slots.length; i++) {
          const rank = ranks[i];
          if (rank < q.minLevelRank) continue;
          const slot = slots[i];
          const weight = LEVEL_WEIGHTS[rank];
          if (this.marks[slot] !== stamp) {
            this.marks[slot] = stamp;
            this.best[slot] = weight;
            seen.push(slot);
          } else if (weight > this.best[slot]) {
            this.best[slot] = weight;
          }
        }
      }
      for (const slot of seen) {
        if ((this.masks[slot] & TOUCHED) === 0) {
          this.masks[slot] = TOUCHED;
          this.coverage[slot] = 0;
          touched.push(slot);
        }
        this.coverage[slot] += this.best[slot];
        this.masks[slot] |= 1 << r;
      }
    }

    // 2. Filters, score, exact total, and the page (a bounded insertion list of first + 1).
    const near = q.near !== null ? (this.placeIndex.get(q.near) ?? -1) : -1;
    const distances = near >= 0 ? this.distancesFrom(near) : null;
    const province = q.provinceCode;
    let sectors: Uint8Array | null = null;
    if (q.sectors) {
      sectors = new Uint8Array(256);
      for (const sector of q.sectors) sectors[this.codeOf(sector)] = 1;
    }
    const k = q.requested.length;
    const limit = q.first + 1;
    // Compare slots, not id strings: reading every candidate's id string costs a cache miss each.
    const excludeSlot = this.slotOf.get(q.excludeId) ?? -1;
    const pageSlots: number[] = [];
    const pageScores: number[] = [];
    let total = 0;
    for (let t = 0; t < touched.length; t++) {
      const slot = touched[t];
      if (this.optedIn[slot] === 0 || slot === excludeSlot) continue;
      if (sectors !== null && sectors[this.sectorCode[slot]] === 0) continue;
      const place = this.place[slot];
      if (province !== null && (place < 0 || this.places[place].provinceCode !== province)) continue;
      const distance = distances !== null && place >= 0 ? distances[place] : null;
      if (q.withinKm !== null && this.national[slot] === 0 && (distance === null || distance > q.withinKm)) continue;
      let textRank: number | undefined;
      if (q.lexemes !== null) {
        const text = this.texts[slot]!;
        let sum = 0;
        let all = true;
        for (const lexeme of q.lexemes) {
          const weight = text.get(lexeme);
          if (weight === undefined) {
            all = false;
            break;
          }
          sum += weight;
        }
        if (!all) continue;
        textRank = sum / (sum + 1);
      }
      total += 1;
      const hours = this.hours[slot];
      const score = Math.round(scoreOf(this.coverage[slot] / k, hours < 0 ? null : hours, distances !== null ? distance : undefined, textRank) * 1e9) / 1e9;
      const id = this.ids[slot];
      if (q.after !== null && !before(q.after.score, q.after.id, score, id)) continue;
      const n = pageSlots.length;
      if (n === limit && !before(score, id, pageScores[n - 1], this.ids[pageSlots[n - 1]])) continue;
      let at = n;
      while (at > 0 && before(score, id, pageScores[at - 1], this.ids[pageSlots[at - 1]])) at--;
      pageSlots.splice(at, 0, slot);
      pageScores.splice(at, 0, score);
      if (pageSlots.length > limit) {
        pageSlots.pop();
        pageScores.pop();
      }
    }
    const hits: ExpertHit[] = [];
    for (let h = 0; h < Math.min(q.first, pageSlots.length); h++) {
      const slot = pageSlots[h];
      const mask = this.masks[slot];
      const matched: number[] = [];
      for (let r = 0; r < k; r++) if (mask & (1 << r)) matched.push(r);
      const place = this.place[slot];
      const distance = distances !== null && place >= 0 ? Math.round(distances[place] * 10) / 10 : null;
      hits.push({ doc: this.docs[slot]!, score: pageScores[h], matched, distanceKm: distance });
    }
    for (const slot of touched) this.masks[slot] = 0;
    return { total, hits, hasNextPage: pageSlots.length > q.first };
  }

  /** Everyone opted in who offers any of the disciplines (at any level), except `excluded`. */
  offering(disciplineIds: readonly number[], excluded: ReadonlySet<string>): ExpertDoc[] {
    const found = new Set<number>();
    for (const disciplineId of disciplineIds) {
      for (const slot of this.packed(disciplineId).slots) if (this.optedIn[slot] === 1 && !excluded.has(this.ids[slot])) found.add(slot);
    }
    return [...found].map((slot) => this.docs[slot]!);
  }

  private codeOf(sector: string): number {
    let code = this.sectorCodes.get(sector);
    if (code === undefined) {
      code = this.sectorCodes.size + 1;
      this.sectorCodes.set(sector, code);
    }
    return code;
  }

  /** Makes room for `n` slots in every column. */
  private grow(n: number): void {
    if (this.optedIn.length >= n) return;
    const size = Math.max(1024, n * 2);
    const widen = <T extends Uint8Array | Int16Array>(old: T, make: (size: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.optedIn = widen(this.optedIn, (n) => new Uint8Array(n));
    this.national = widen(this.national, (n) => new Uint8Array(n));
    this.sectorCode = widen(this.sectorCode, (n) => new Uint8Array(n));
    this.place = widen(this.place, (n) => new Int16Array(n));
    this.hours = widen(this.hours, (n) => new Int16Array(n));
  }

  private posting(disciplineId: number): Posting {
    let posting = this.postings.get(disciplineId);
    if (!posting) {
      posting = { levels: new Map(), slots: null, ranks: null };
      this.postings.set(disciplineId, posting);
    }
    return posting;
  }

  private packed(disciplineId: number): { slots: Int32Array; ranks: Uint8Array } {
    const posting = this.postings.get(disciplineId);
    if (!posting) return { slots: new Int32Array(0), ranks: new Uint8Array(0) };
    if (!posting.slots || !posting.ranks) {
      posting.slots = Int32Array.from(posting.levels.keys());
      posting.ranks = Uint8Array.from(posting.levels.values());
    }
    return { slots: posting.slots, ranks: posting.ranks };
  }

  private distancesFrom(place: number): Float64Array {
    const from = this.places[place];
    return Float64Array.from(this.places, (p) => distanceKm(from.latitude, from.longitude, p.latitude, p.longitude));
  }

  private ensureScratch(): void {
    const n = this.docs.length;
    if (this.marks.length >= n) return;
    const size = Math.max(1024, n * 2);
    const marks = new Int32Array(size);
    marks.set(this.marks);
    this.marks = marks;
    this.best = new Float64Array(size);
    this.coverage = new Float64Array(size);
    this.masks = new Int32Array(size);
  }
}
