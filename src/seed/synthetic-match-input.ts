// A synthetic network (the seed's generator, seed/synthetic-network.ts) as the engine's
// input, without a database: for the matching benchmark (bench/matching.bench.ts) and for
// experiments with rule sets. Plain TypeScript, no I/O: the caller reads municipalities and
// provinces (database/reference-data.ts) and passes the taxonomy.
//
// What a match run would load from PostgreSQL, made up the same way:
// - people: the professionals who opted in and have not paused their digest (everyone else is
//   not eligible), each due this run, with the account default of 3 introductions a digest;
// - initiatives: IDEA, STARTING or RUNNING ones with their unfulfilled needs (none without);
// - disciplines: numbered 1, 2, … in taxonomy order (the database's serial ids);
// - history: earlier introductions for a share of the people (default 3 %), 1–3 each, to someone
//   in the same municipality who offers a discipline they seek — the kind of pair the engine
//   would propose again, so the constraints really bite. Dates spread evenly over the last 365
//   days, so with a 90-day cool-down about a quarter of them still block; 20 % are DECLINED,
//   which block for good.
// Person ids are the key zero-padded to 7 digits ("p0000042"), so id order is key order.
import { DigestFrequency, InitiativeStatus, LEVEL_RANK } from '../common/enums.js';
import { mulberry32 } from '../common/prng.js';
import type { MunicipalityRef } from '../database/reference-data.js';
import type { DisciplineSeed } from '../disciplines/taxonomy.data.js';
import { generateInitiatives, generateProfessionals } from './synthetic-network.js';
import { DEFAULT_MATCH_RULES } from '../matching/engine/default-rules.js';
import type { HistoryEntry, HistoryStatus, MatchDiscipline, MatchInitiative, MatchInput, MatchPerson, MatchPlace, MatchRules } from '../matching/engine/types.js';

export interface SyntheticMatchOptions {
  professionals: number;
  initiatives: number;
  seed: number;
  municipalities: readonly MunicipalityRef[];
  provinces: readonly { code: string; name: string }[];
  taxonomy: readonly DisciplineSeed[];
  now: Date;
  rules?: MatchRules;
  /** Share of the people with earlier introductions, 0–1; default 0.03. */
  historyShare?: number;
}

const DAY_MS = 86_400_000;
const DEFAULT_HISTORY_SHARE = 0.03;
const DEFAULT_INTRODUCTIONS_PER_DIGEST = 3;
const OPEN_STATUSES: ReadonlySet<InitiativeStatus> = new Set([InitiativeStatus.IDEA, InitiativeStatus.STARTING, InitiativeStatus.RUNNING]);
/** DECLINED one in five; the rest spread over the other statuses. */
const HISTORY_STATUSES: readonly HistoryStatus[] = ['DECLINED', 'PROPOSED', 'SENT', 'ACCEPTED', 'CONNECTED', 'EXPIRED', 'SENT', 'CONNECTED', 'EXPIRED', 'DECLINED'];

export function personId(key: number): string {
  return `p${String(key).padStart(7, '0')}`;
}

export function syntheticMatchInput(options: SyntheticMatchOptions): MatchInput {
  const { municipalities, taxonomy } = options;
  const generatorOptions = {
    professionals: options.professionals,
    initiatives: options.initiatives,
    seed: options.seed,
    municipalities,
    disciplines: taxonomy,
  };

  const disciplineId = new Map<string, number>(taxonomy.map((d, i) => [d.slug, i + 1]));
  const idOf = (slug: string): number => {
    const id = disciplineId.get(slug);
    if (id === undefined) throw new RangeError(`Discipline ${slug} is not in the taxonomy`);
    return id;
  };
  const disciplines = new Map<number, MatchDiscipline>(
    taxonomy.map((d, i) => [i + 1, { parentId: d.parentSlug === null ? null : idOf(d.parentSlug), nl: d.nameNl, en: d.nameEn }]),
  );
  const provinceName = new Map(options.provinces.map((p) => [p.code, p.name]));
  const places: MatchPlace[] = municipalities.map((m) => ({
    code: m.code,
    provinceCode: m.provinceCode,
    provinceName: provinceName.get(m.provinceCode) ?? m.provinceCode,
    latitude: m.latitude,
    longitude: m.longitude,
  }));

  // Streamed one at a time: the generated bios and headlines never pile up in memory.
  const people: MatchPerson[] = [];
  for (const p of generateProfessionals(generatorOptions)) {
    if (!p.optedIn || p.frequency === DigestFrequency.PAUSED) continue;
    people.push({
      id: personId(p.key),
      name: p.name,
      offers: p.offers.map((o) => ({ disciplineId: idOf(o.slug), levelRank: LEVEL_RANK[o.level] })),
      seeks: p.seeks.map(idOf),
      municipalityCode: p.municipalityCode,
      scope: p.scope,
      sector: p.sector,
      organisation: p.organisation,
      availableHoursPerMonth: p.availableHoursPerMonth,
      maxIntroductionsPerDigest: DEFAULT_INTRODUCTIONS_PER_DIGEST,
    });
  }

  const initiatives: MatchInitiative[] = [];
  for (const it of generateInitiatives(generatorOptions)) {
    if (!OPEN_STATUSES.has(it.status)) continue;
    const needs = it.needs.flatMap((need, k) =>
      need.fulfilled
        ? []
        : [{ id: `n${it.key}-${k}`, disciplineId: idOf(need.slug), minLevelRank: LEVEL_RANK[need.level], hoursPerMonth: need.hoursPerMonth }],
    );
    if (needs.length === 0) continue;
    initiatives.push({ id: `i${String(it.key).padStart(7, '0')}`, title: it.title, municipalityCode: it.municipalityCode, initiatorIds: it.initiatorKeys.map(personId), needs });
  }

  return {
    people,
    places,
    disciplines,
    initiatives,
    history: syntheticHistory(people, options.seed, options.historyShare ?? DEFAULT_HISTORY_SHARE, options.now),
    rules: options.rules ?? DEFAULT_MATCH_RULES,
    now: options.now,
  };
}

/** See the header: earlier introductions to a local offerer of something sought. */
function syntheticHistory(people: readonly MatchPerson[], seed: number, share: number, now: Date): HistoryEntry[] {
  const random = mulberry32(seed ^ 0x48495354);
  // (municipality, offered discipline) → people, in input order.
  const offerers = new Map<string, number[]>();
  people.forEach((p, i) => {
    if (p.municipalityCode === null) return;
    for (const o of p.offers) {
      const key = `${p.municipalityCode}/${o.disciplineId}`;
      const list = offerers.get(key);
      if (list) list.push(i);
      else offerers.set(key, [i]);
    }
  });
  const history: HistoryEntry[] = [];
  for (const p of people) {
    if (random() >= share || p.municipalityCode === null || p.seeks.length === 0) continue;
    const count = 1 + Math.floor(random() * 3);
    for (let k = 0; k < count; k++) {
      const sought = p.seeks[Math.floor(random() * p.seeks.length)];
      const candidates = offerers.get(`${p.municipalityCode}/${sought}`);
      if (!candidates) continue;
      const other = people[candidates[Math.floor(random() * candidates.length)]];
      if (other.id === p.id) continue;
      history.push({
        a: p.id,
        b: other.id,
        status: HISTORY_STATUSES[Math.floor(random() * HISTORY_STATUSES.length)],
        date: new Date(now.getTime() - Math.floor(random() * 365) * DAY_MS),
      });
    }
  }
  return history;
}
