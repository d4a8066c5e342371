// Deterministic synthetic network: professionals and initiatives that look like a Dutch network
// such as Kracht in NL (big cities denser, a plausible sector mix, some disciplines rare, Dutch
// names and texts). Plain TypeScript, no I/O: `npm run seed` streams it into PostgreSQL and the
// matching benchmark keeps up to a million professionals in memory.
//
// Every item is drawn from its own PRNG, seeded from (seed, stream, key). So the two streams are
// independent, a network of N professionals is a prefix of one of 2N, and an initiative can look
// up the sector and municipality of a candidate initiator without iterating the professionals.
import { DigestFrequency, ExpertiseLevel, InitiativeStatus, RegionScope, Sector } from '../common/enums.js';
import type { Locale } from '../common/enums.js';
import { Mulberry32 } from '../common/prng.js';
import type { MunicipalityRef } from '../database/reference-data.js';
import type { DisciplineSeed } from '../disciplines/taxonomy.data.js';
import type {
  NetworkExpertise,
  NetworkInitiative,
  NetworkNeed,
  NetworkProfessional,
} from './network.types.js';

export interface SyntheticOptions {
  professionals: number;
  initiatives: number;
  seed: number;
  municipalities: readonly MunicipalityRef[];
  disciplines: readonly DisciplineSeed[];
}

// ---------------------------------------------------------------------------------------------
// Randomness

/** mulberry32 (common/prng.ts): fast and good enough for test data. Reseeded per item. */
class Rng extends Mulberry32 {
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

/** murmur3's finaliser over two words: decorrelates neighbouring keys and seeds. */
function mix(a: number, b: number): number {
  let h = (a ^ Math.imul(b, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * FNV-1a of a string, finalised by `mix` so that slugs differing only in their last character
 * do not end up next to each other; for orders that must not depend on array order.
 */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix(h >>> 0, 0);
}

const PROFESSIONAL_STREAM = 0x50524f46;
const INITIATIVE_STREAM = 0x494e4954;

function seed32(seed: number): number {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  return (seed >>> 0) ^ Math.floor(Math.abs(seed) / 4294967296);
}

/**
 * Walker/Vose alias table: O(n) to build, O(1) per draw from one uniform number
 * (its integer part picks a column, its fraction decides column or alias).
 * Example: weights [3, 1] → prob [1, 0.5], alias [0, 0]: column 1 keeps half its draws.
 */
class AliasTable {
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;
  readonly size: number;

  constructor(weights: readonly number[]) {
    const n = weights.length;
    if (n === 0) throw new RangeError('alias table needs at least one weight');
    let total = 0;
    for (const w of weights) {
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`invalid weight ${w}`);
      total += w;
    }
    if (total <= 0) throw new RangeError('alias table needs a positive weight');
    this.size = n;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = weights.map((w) => (w * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
    while (small.length > 0 && large.length > 0) {
      const s = small.pop() as number;
      const l = large.pop() as number;
      this.prob[s] = scaled[s] as number;
      this.alias[s] = l;
      scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of large) this.prob[i] = 1;
    for (const i of small) this.prob[i] = 1; // only left over by rounding
  }

  sample(rng: Rng): number {
    const x = rng.next() * this.size;
    const i = Math.floor(x);
    return x - i < (this.prob[i] as number) ? i : (this.alias[i] as number);
  }
}

/** Categorical distribution over fixed values, e.g. [[Sector.CITIZEN, 15], ...]. */
class Choice<T> {
  private readonly values: T[];
  private readonly table: AliasTable;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    this.values = entries.map(([value]) => value);
    this.table = new AliasTable(entries.map(([, weight]) => weight));
  }

  sample(rng: Rng): T {
    return this.values[this.table.sample(rng)] as T;
  }
}

// ---------------------------------------------------------------------------------------------
// Distributions

const SECTORS: ReadonlyArray<readonly [Sector, number]> = [
  [Sector.GOVERNMENT, 25],
  [Sector.INSTITUTION, 20],
  [Sector.SOCIAL_ENTERPRISE, 15],
  [Sector.BUSINESS, 15],
  [Sector.SCIENCE, 10],
  [Sector.CITIZEN, 15],
];

// Scope by sector; the marginal is about LOCAL 56%, PROVINCE 29%, NATIONAL 15%
// (e.g. LOCAL: .25·.60 + .20·.55 + .15·.60 + .15·.35 + .10·.30 + .15·.85 = .56).
const SCOPE_BY_SECTOR: Readonly<Record<Sector, readonly [number, number, number]>> = {
  [Sector.GOVERNMENT]: [60, 30, 10],
  [Sector.INSTITUTION]: [55, 35, 10],
  [Sector.SOCIAL_ENTERPRISE]: [60, 25, 15],
  [Sector.BUSINESS]: [35, 35, 30],
  [Sector.SCIENCE]: [30, 35, 35],
  [Sector.CITIZEN]: [85, 13, 2],
};

/** 2% of everyone, all of them NATIONAL: 0.02 / 0.15. */
const NATIONAL_WITHOUT_MUNICIPALITY = 0.02 / 0.15;

/** Approximate populations (CBS, 2024) of the biggest municipalities; the rest get DEFAULT_POPULATION. */
const POPULATION: Readonly<Record<string, number>> = {
  GM0363: 930_000, // Amsterdam
  GM0599: 670_000, // Rotterdam
  GM0518: 560_000, // 's-Gravenhage
  GM0344: 374_000, // Utrecht
  GM0772: 246_000, // Eindhoven
  GM0014: 243_000, // Groningen
  GM0855: 229_000, // Tilburg
  GM0034: 226_000, // Almere
  GM0758: 186_000, // Breda
  GM0268: 183_000, // Nijmegen
  GM0200: 167_000, // Apeldoorn
  GM0202: 166_000, // Arnhem
  GM0392: 165_000, // Haarlem
  GM0153: 161_000, // Enschede
  GM0307: 161_000, // Amersfoort
  GM0479: 160_000, // Zaanstad
  GM0796: 160_000, // 's-Hertogenbosch
  GM0394: 162_000, // Haarlemmermeer
  GM0193: 133_000, // Zwolle
  GM0546: 127_000, // Leiden
  GM0637: 127_000, // Zoetermeer
  GM0935: 122_000, // Maastricht
  GM0505: 121_000, // Dordrecht
  GM0228: 122_000, // Ede
  GM0080: 127_000, // Leeuwarden
};
/** Roughly (17.9M − 6.5M in the list above) / 317 other municipalities. */
const DEFAULT_POPULATION = 36_000;

const PROVINCE_NAMES: Readonly<Record<string, string>> = {
  PV20: 'Groningen',
  PV21: 'Fryslân',
  PV22: 'Drenthe',
  PV23: 'Overijssel',
  PV24: 'Flevoland',
  PV25: 'Gelderland',
  PV26: 'Utrecht',
  PV27: 'Noord-Holland',
  PV28: 'Zuid-Holland',
  PV29: 'Zeeland',
  PV30: 'Noord-Brabant',
  PV31: 'Limburg',
};

const WATER_BOARDS: Readonly<Record<string, string>> = {
  PV20: 'Waterschap Noorderzijlvest',
  PV21: 'Wetterskip Fryslân',
  PV22: 'Waterschap Drents Overijsselse Delta',
  PV23: 'Waterschap Vechtstromen',
  PV24: 'Waterschap Zuiderzeeland',
  PV25: 'Waterschap Rijn en IJssel',
  PV26: 'Hoogheemraadschap De Stichtse Rijnlanden',
  PV27: 'Hoogheemraadschap Hollands Noorderkwartier',
  PV28: 'Hoogheemraadschap van Delfland',
  PV29: 'Waterschap Scheldestromen',
  PV30: 'Waterschap Aa en Maas',
  PV31: 'Waterschap Limburg',
};

/** Universities and universities of applied sciences in their home municipality. */
const SCIENCE_BY_MUNICIPALITY: Readonly<Record<string, readonly string[]>> = {
  GM0363: ['Universiteit van Amsterdam', 'Vrije Universiteit Amsterdam', 'Hogeschool van Amsterdam'],
  GM0599: ['Erasmus Universiteit Rotterdam', 'Hogeschool Rotterdam'],
  GM0518: ['De Haagse Hogeschool', 'Universiteit Leiden, Campus Den Haag'],
  GM0344: ['Universiteit Utrecht', 'Hogeschool Utrecht'],
  GM0772: ['Technische Universiteit Eindhoven', 'Fontys Hogescholen'],
  GM0014: ['Rijksuniversiteit Groningen', 'Hanzehogeschool Groningen'],
  GM0855: ['Tilburg University', 'Fontys Hogescholen'],
  GM0758: ['Avans Hogeschool', 'Breda University of Applied Sciences'],
  GM0268: ['Radboud Universiteit', 'Hogeschool van Arnhem en Nijmegen'],
  GM0202: ['Hogeschool van Arnhem en Nijmegen'],
  GM0392: ['Inholland Haarlem'],
  GM0153: ['Universiteit Twente', 'Saxion Hogeschool'],
  GM0796: ['Avans Hogeschool', 'HAS green academy'],
  GM0193: ['Hogeschool Windesheim'],
  GM0546: ['Universiteit Leiden', 'Hogeschool Leiden'],
  GM0935: ['Universiteit Maastricht', 'Zuyd Hogeschool'],
  GM0228: ['Christelijke Hogeschool Ede'],
  GM0080: ['NHL Stenden Hogeschool'],
};

const NATIONAL_ORGANISATIONS: Readonly<Record<Sector, readonly string[]>> = {
  [Sector.GOVERNMENT]: [
    'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties',
    'Ministerie van Volksgezondheid, Welzijn en Sport',
    'Ministerie van Infrastructuur en Waterstaat',
    'Rijkswaterstaat',
    'Vereniging van Nederlandse Gemeenten',
  ],
  [Sector.INSTITUTION]: ['Oranje Fonds', 'Nationaal Ouderenfonds', 'Aedes', 'Het Rode Kruis', 'VSBfonds'],
  [Sector.SOCIAL_ENTERPRISE]: ['Kracht in NL', 'LSA bewoners', 'Social Enterprise NL', 'Energie Samen'],
  [Sector.BUSINESS]: ['Adviesbureau Stad & Land', 'Bureau Buitenruimte', 'Publiek Werk', 'Gebiedslab Nederland'],
  [Sector.SCIENCE]: ['Movisie', 'Verwey-Jonker Instituut', 'Platform31', 'Sociaal en Cultureel Planbureau'],
  [Sector.CITIZEN]: [],
};

const LEVELS = new Choice<ExpertiseLevel>([
  [ExpertiseLevel.BASIC, 30],
  [ExpertiseLevel.EXPERIENCED, 50],
  [ExpertiseLevel.EXPERT, 20],
]);
const FREQUENCIES = new Choice<DigestFrequency>([
  [DigestFrequency.WEEKLY, 50],
  [DigestFrequency.BIWEEKLY, 25],
  [DigestFrequency.MONTHLY, 20],
  [DigestFrequency.PAUSED, 5],
]);
const STATUSES = new Choice<InitiativeStatus>([
  [InitiativeStatus.IDEA, 15],
  [InitiativeStatus.STARTING, 20],
  [InitiativeStatus.RUNNING, 45],
  [InitiativeStatus.COMPLETED, 12],
  [InitiativeStatus.STOPPED, 8],
]);
/** Averages about 20% fulfilled needs over the status mix. */
const FULFILLED_BY_STATUS: Readonly<Record<InitiativeStatus, number>> = {
  [InitiativeStatus.IDEA]: 0.05,
  [InitiativeStatus.STARTING]: 0.15,
  [InitiativeStatus.RUNNING]: 0.25,
  [InitiativeStatus.COMPLETED]: 0.5,
  [InitiativeStatus.STOPPED]: 0.15,
};
/** Chance to keep a drawn initiator, so initiators lean towards residents and social entrepreneurs. */
const INITIATOR_ACCEPT: Readonly<Record<Sector, number>> = {
  [Sector.CITIZEN]: 1,
  [Sector.SOCIAL_ENTERPRISE]: 0.8,
  [Sector.INSTITUTION]: 0.35,
  [Sector.GOVERNMENT]: 0.25,
  [Sector.BUSINESS]: 0.3,
  [Sector.SCIENCE]: 0.25,
};
const OFFER_COUNT = new Choice<number>([[1, 35], [2, 35], [3, 20], [4, 10]]);
const SEEK_COUNT = new Choice<number>([[1, 45], [2, 35], [3, 20]]);
const THEME_COUNT = new Choice<number>([[1, 40], [2, 40], [3, 20]]);
const NEED_COUNT = new Choice<number>([[1, 20], [2, 30], [3, 25], [4, 15], [5, 10]]);
const INITIATOR_COUNT = new Choice<number>([[1, 65], [2, 25], [3, 10]]);

/** Zipf exponent of discipline popularity: rank r gets weight 1 / r^s. */
const ZIPF_EXPONENT = 1.1;

// ---------------------------------------------------------------------------------------------
// Names

const FIRST_NAMES: readonly string[] = [
  'Sanne', 'Daan', 'Emma', 'Lucas', 'Julia', 'Sem', 'Anouk', 'Thijs', 'Lotte', 'Bram',
  'Fleur', 'Jesse', 'Lisa', 'Ruben', 'Eva', 'Lars', 'Femke', 'Tim', 'Iris', 'Stijn',
  'Noor', 'Niels', 'Sophie', 'Jeroen', 'Anna', 'Wouter', 'Marieke', 'Pieter', 'Ingrid', 'Joost',
  'Karin', 'Maarten', 'Esther', 'Bas', 'Linda', 'Erik', 'Monique', 'Hans', 'Petra', 'Kees',
  'Annemiek', 'Willem', 'Janneke', 'Gert-Jan', 'Marloes', 'Roel', 'Ilse', 'Sjoerd', 'Hanneke', 'Frank',
  'Wilma', 'Henk', 'Els', 'Jan', 'Mieke', 'Geert', 'Tineke', 'Arjen', 'Yvonne', 'Rob',
  'Mohamed', 'Fatima', 'Yusuf', 'Samira', 'Ahmed', 'Naima', 'Emre', 'Ayşe', 'Priya', 'Rajesh',
  'Chloë', 'Zoë', 'Noë', 'Mila', 'Finn', 'Jasmijn', 'Hüseyin', 'Soufiane', 'Bertine', 'Jornt',
];

const SURNAMES: readonly string[] = [
  'de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van der Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit',
  'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker',
  'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'de Graaf', 'van der Meer', 'van der Linden', 'Kok', 'Jacobs', 'de Haan',
  'Vermeulen', 'van den Heuvel', 'van der Veen', 'van den Broek', 'de Bruijn', 'van der Heijden', 'Schouten', 'van Beek', 'Willems', 'van Vliet',
  'van de Ven', 'Hoekstra', 'Maas', 'Verhoeven', 'Koster', 'van Dam', 'van der Wal', 'Prins', 'Blom', 'Huisman',
  'Peeters', 'de Lange', 'Kuipers', 'van Wijk', 'Postma', 'Kramer', 'van den Bosch', 'Veenstra', 'Scholten', 'van Rijn',
  'Mertens', 'Sanders', 'Kuijpers', 'Timmermans', 'Boersma', 'van Dongen', 'ter Horst', 'ten Brink', "van 't Hof", "in 't Veld",
  'van Zuylen', 'van Steenbergen', 'de Ridder', 'Bosman', 'van Os', 'Groen', 'Wouters', 'Molenaar', 'Verbeek', 'Post',
  'Yılmaz', 'Kaya', 'Öztürk', 'El Amrani', 'Bouzid', 'El Idrissi', 'Benali', 'Nguyen', 'Ramdin', 'Soekhai',
  'Wijnands', 'Claessens', 'Hermans', 'Coenen', 'Zwart', 'de Kok', 'van Loon', 'Pronk', 'Hofman', 'Koopman',
];

/** Lowercase ASCII for e-mail addresses: "Öztürk" → "ozturk", "van 't Hof" → "vanthof". */
function asciiSlug(text: string): string {
  return text
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

// ---------------------------------------------------------------------------------------------
// Texts

const WIJKEN: readonly string[] = [
  'De Horst', 'Het Zand', 'Oosterpark', 'Westwijk', 'Noordereiland', 'De Bloemenbuurt', 'Het Zuiderpark',
  'De Vogelwijk', 'Schildersbuurt', 'Rivierenwijk', 'De Molenwijk', 'Bomenbuurt', 'Kerkbuurt', 'De Hoven',
  'Stationsbuurt', 'Het Oude Dorp', 'De Akkers', 'Dichtersbuurt', 'Zeeheldenbuurt', 'De Wielewaal',
  'Lombok', 'Het Hogeland', 'De Kruidenwijk', 'Componistenbuurt', 'Sterrenwijk', 'De Weide',
];

const ROLES_NL: Readonly<Record<Sector, readonly string[]>> = {
  [Sector.GOVERNMENT]: ['Beleidsadviseur', 'Wijkmanager', 'Gebiedsregisseur', 'Wijkcoördinator', 'Programmamanager', 'Ambtenaar openbare ruimte'],
  [Sector.INSTITUTION]: ['Opbouwwerker', 'Sociaal werker', 'Wijkconsulent', 'Buurtwerker', 'Projectleider wonen', 'Coördinator vrijwilligers'],
  [Sector.SOCIAL_ENTERPRISE]: ['Sociaal ondernemer', 'Oprichter', 'Kwartiermaker', 'Bestuurder coöperatie', 'Verbinder'],
  [Sector.BUSINESS]: ['Adviseur', 'Zelfstandig adviseur', 'Ondernemer', 'Jurist', 'Financieel adviseur', 'Projectontwikkelaar'],
  [Sector.SCIENCE]: ['Onderzoeker', 'Lector', 'Promovendus', 'Docent-onderzoeker', 'Hoogleraar'],
  [Sector.CITIZEN]: ['Bewoner', 'Initiatiefnemer', 'Vrijwilliger', 'Buurtbewoner', 'Kartrekker'],
};

const ROLES_EN: Readonly<Record<Sector, readonly string[]>> = {
  [Sector.GOVERNMENT]: ['Policy adviser', 'Neighbourhood manager', 'Area coordinator', 'Programme manager'],
  [Sector.INSTITUTION]: ['Community worker', 'Social worker', 'Housing project lead', 'Volunteer coordinator'],
  [Sector.SOCIAL_ENTERPRISE]: ['Social entrepreneur', 'Founder', 'Co-operative board member'],
  [Sector.BUSINESS]: ['Consultant', 'Independent adviser', 'Entrepreneur', 'Lawyer', 'Financial adviser'],
  [Sector.SCIENCE]: ['Researcher', 'Professor', 'PhD candidate', 'Lecturer'],
  [Sector.CITIZEN]: ['Resident', 'Initiator', 'Volunteer', 'Community organiser'],
};

const TOPICS_NL: readonly string[] = [
  'meer zeggenschap voor bewoners over hun wijk',
  'een groene en klimaatbestendige buurt',
  'energie besparen met de buren',
  'participatie van jongeren in de wijk',
  'het tegengaan van eenzaamheid in de buurt',
  'samenwerking tussen gemeente en bewoners',
  'bewonersbeheer van de openbare ruimte',
  'betaalbaar wonen in kleine kernen',
  'zorg dichtbij, georganiseerd door bewoners',
  'lokale energie en zonnedaken',
  'wijkdeals en buurtbudgetten',
  'een inclusieve buurt waar iedereen meedoet',
];

const TOPICS_EN: readonly string[] = [
  'giving residents a real say in their neighbourhood',
  'greener and climate-proof streets',
  'community energy',
  'youth participation',
  'tackling loneliness',
  'co-operation between municipality and residents',
];

/** Mutable context reused for every text, so templates allocate only their result. */
interface TextContext {
  place: string;
  wijk: string;
  role: string;
  org: string | null;
  offer1: string;
  offer2: string | null;
  seek1: string;
  topic: string;
  years: number;
  title: string;
  theme1: string;
  theme2: string | null;
  need1: string;
  need2: string | null;
}

type Template = (c: TextContext) => string;

const HEADLINES_NL: readonly Template[] = [
  (c) => `${c.role} in ${c.place}`,
  (c) => (c.org ? `${c.role} bij ${c.org}` : `${c.role} in ${c.place}`),
  (c) => `${c.role} · ${c.offer1}${c.offer2 ? ` · ${c.offer2}` : ''}`,
  (c) => `${c.role} met hart voor ${c.offer1}`,
  (c) => `${c.offer1}${c.offer2 ? ` en ${c.offer2}` : ''} in ${c.place}`,
  (c) => `Verbindt bewoners en gemeente in ${c.place}`,
  (c) => `${c.role}, specialist ${c.offer1}`,
];

const HEADLINES_EN: readonly Template[] = [
  (c) => `${c.role} in ${c.place}`,
  (c) => `${c.role} · ${c.offer1}`,
  (c) => `${c.role}, working on ${c.offer1}${c.offer2 ? ` and ${c.offer2}` : ''}`,
];

const BIO_INTRO_NL: readonly Template[] = [
  (c) => `Ik werk als ${c.role.toLowerCase()} in ${c.place}.`,
  (c) => `Al ${c.years} jaar actief in de wijken van ${c.place}.`,
  (c) => (c.org ? `Vanuit ${c.org} help ik bewoners en initiatieven verder.` : `Ik woon in ${c.place} en zet me in voor mijn buurt.`),
  (c) => `Ik woon en werk in ${c.place} en ken de buurt en haar bewoners goed.`,
  (c) => `Mijn werk draait om ${c.topic}.`,
];

const BIO_OFFER_NL: readonly Template[] = [
  (c) => `Ik kan helpen met ${c.offer1}${c.offer2 ? ` en ${c.offer2}` : ''}.`,
  (c) => `Mijn kennis van ${c.offer1} deel ik graag met initiatieven in de buurt.`,
  (c) => `Ervaring met ${c.offer1}${c.offer2 ? `, ${c.offer2}` : ''} en participatie van bewoners.`,
  (c) => `Ik adviseer wijkinitiatieven over ${c.offer1}.`,
];

const BIO_SEEK_NL: readonly Template[] = [
  (c) => `Ik zoek contact met mensen die verstand hebben van ${c.seek1}.`,
  (c) => `Graag leer ik meer over ${c.seek1}.`,
  (c) => `Op zoek naar sparringpartners voor ${c.seek1}, liefst uit een andere sector.`,
  (c) => `Wie helpt ons met ${c.seek1}?`,
];

const BIO_EN: readonly Template[] = [
  (c) => `I work as ${c.role.toLowerCase()} in ${c.place}. I can help with ${c.offer1} and I am looking for people who know about ${c.seek1}.`,
  (c) => `Based in ${c.place}, working on ${c.topic}. Happy to share what I know about ${c.offer1}.`,
];

interface TitleTemplate {
  /** Lowercase fragments of discipline names or slugs that make this title fit a theme. */
  keywords: readonly string[];
  make: Template;
}

const TITLES: readonly TitleTemplate[] = [
  { keywords: ['lokale energie', 'energiecoöp', 'zonne'], make: (c) => `Energiecoöperatie ${c.place}` },
  { keywords: ['lokale energie', 'energiebesparing', 'zonne'], make: (c) => `Zonnedaken ${c.wijk}` },
  { keywords: ['warmte', 'energiebesparing'], make: (c) => `Warmtenet ${c.wijk}` },
  { keywords: ['klimaat', 'water'], make: (c) => `Klimaatstraat ${c.wijk}` },
  { keywords: ['groen', 'tuin', 'stadslandbouw', 'biodivers'], make: (c) => `Buurttuin ${c.wijk}` },
  { keywords: ['groenbeheer', 'bewonersbeheer', 'openbare ruimte'], make: (c) => `Tuinman in de Wijk ${c.place}` },
  { keywords: ['voedsel', 'stadslandbouw', 'biodivers', 'natuur'], make: (c) => `Voedselbos ${c.place}` },
  { keywords: ['groen', 'bewonersbeheer', 'openbare ruimte'], make: (c) => `Samen Groen ${c.wijk}` },
  { keywords: ['zorgcoöp', 'informele zorg', 'ouderen'], make: (c) => `Zorgcoöperatie ${c.wijk}` },
  { keywords: ['informele zorg', 'eenzaam', 'sociaal werk', 'mantelzorg'], make: (c) => `Burenhulp ${c.wijk}` },
  { keywords: ['eenzaam', 'armoede', 'voedsel'], make: (c) => `Eetpunt ${c.wijk}` },
  { keywords: ['wijkaanpak', 'participatie', 'gemeenschap', 'procesbegeleiding'], make: (c) => `Wijkdeal ${c.wijk}` },
  { keywords: ['participatie', 'omgevingswet', 'bewonersbeheer'], make: (c) => `Menukaart ${c.place}` },
  { keywords: ['budget', 'subsidie', 'fonds', 'financieel beheer'], make: (c) => `Buurtbudget ${c.wijk}` },
  { keywords: ['right to challenge', 'aanbesteding'], make: (c) => `Right to Challenge ${c.place}` },
  { keywords: ['crowdfunding', 'impactinvest'], make: (c) => `Buurtfonds ${c.place}` },
  { keywords: ['circulair', 'hergebruik', 'reparatie'], make: (c) => `Repair Café ${c.place}` },
  { keywords: ['lokale economie', 'ondernem', 'verdienmodel', 'starters'], make: (c) => `Buurtwerkplaats ${c.wijk}` },
  { keywords: ['wooncoöp', 'woning', 'huisvesting'], make: (c) => `Wooncoöperatie ${c.place}` },
  { keywords: ['wonen', 'ouderen', 'vastgoed'], make: (c) => `Knarrenhof ${c.place}` },
  { keywords: ['vastgoed', 'ruimtelijke ordening', 'inrichting'], make: (c) => `Buurthuis ${c.wijk}` },
  { keywords: ['taal', 'geletterdheid', 'digitale inclusie'], make: (c) => `Taalcafé ${c.wijk}` },
  { keywords: ['onderwijs', 'jongerenwerk', 'jeugd', 'educatie'], make: (c) => `Huiswerkklas ${c.wijk}` },
  { keywords: ['cultuur', 'kunst', 'erfgoed', 'evenement'], make: (c) => `Buurtcultuurhuis ${c.wijk}` },
  { keywords: ['mobiliteit', 'vervoer', 'verkeer'], make: (c) => `Buurtbus ${c.place}` },
  { keywords: ['mobiliteit', 'deelauto'], make: (c) => `Deelauto ${c.wijk}` },
  { keywords: ['speel', 'jeugdparticipatie', 'jongeren'], make: (c) => `Speeltuin ${c.wijk}` },
  { keywords: ['sport', 'bewegen'], make: (c) => `Buurtsport ${c.wijk}` },
  { keywords: ['digit', 'data', 'website', 'platform', 'communicatie'], make: (c) => `Buurtplatform ${c.wijk}` },
  { keywords: ['onderzoek', 'impactmeting', 'kennisdeling', 'monitoring'], make: (c) => `Wijklab ${c.place}` },
];

const SUMMARIES: readonly Template[] = [
  (c) => `Bewoners van ${c.wijk} in ${c.place} werken samen aan ${c.theme1}.`,
  (c) => `Een initiatief van buurtbewoners in ${c.place} rond ${c.theme1}${c.theme2 ? ` en ${c.theme2}` : ''}.`,
  (c) => `${c.title}: samen met de gemeente ${c.place} aan de slag met ${c.theme1}.`,
  (c) => `Buren in ${c.wijk} nemen zelf het initiatief voor ${c.theme1}.`,
  (c) => `Wij werken aan ${c.topic}, te beginnen in ${c.wijk}.`,
];

const DESCRIPTION_OPENERS: readonly Template[] = [
  (c) => `${c.title} begon aan een keukentafel in ${c.wijk}.`,
  (c) => `In ${c.place} ontstond het idee voor ${c.title} na een bewonersavond.`,
  (c) => `Met ${c.title} werken bewoners aan ${c.topic}.`,
  (c) => `${c.title} is een maatschappelijk initiatief van bewoners en ondernemers uit ${c.place}.`,
];

const DESCRIPTION_MIDDLES: readonly Template[] = [
  (c) => `De wijk ${c.wijk} telt veel betrokken bewoners, maar de kennis over ${c.theme1} ontbreekt nog.`,
  (c) => `We werken samen met de gemeente, de woningcorporatie en buurtbewoners aan ${c.theme1}.`,
  (c) => `Inmiddels doen tientallen buren mee en groeit het initiatief naar andere wijken in ${c.place}.`,
  () => `Het initiatief draait op vrijwilligers en een kleine subsidie van de gemeente.`,
];

const DESCRIPTION_NEEDS: readonly Template[] = [
  (c) => `We zoeken mensen met kennis van ${c.need1}${c.need2 ? ` en ${c.need2}` : ''}.`,
  (c) => `Hulp met ${c.need1} is het meest welkom.`,
  (c) => `Voor de volgende stap hebben we expertise nodig op het gebied van ${c.need1}.`,
];

const LESSONS: readonly Template[] = [
  () => 'Betrek de gemeente vroeg, maar laat het eigenaarschap bij de bewoners.',
  () => 'Begin klein en vier de eerste successen met de hele buurt.',
  () => 'Zonder vaste kartrekkers valt het stil; verdeel de taken op tijd.',
  () => 'Een eigen buurtbudget maakt snel zichtbaar verschil.',
  () => 'Leg afspraken met de gemeente vast in een convenant of wijkdeal.',
  () => 'Subsidie aanvragen kost meer tijd dan gedacht.',
  (c) => `Kennis van ${c.need1} hadden we eerder moeten inschakelen.`,
  (c) => `In ${c.place} werkt persoonlijk contact beter dan een nieuwsbrief.`,
  () => 'Loslaten is voor de overheid net zo lastig als voor het initiatief om taken op te pakken.',
];

// ---------------------------------------------------------------------------------------------
// Tables built once per generator call

/** "'s-Gravenhage" → "Den Haag", "Bergen (NH.)" → "Bergen": how people write a place in text. */
function placeName(name: string): string {
  if (name === "'s-Gravenhage") return 'Den Haag';
  return name.replace(/\s*\([^)]*\)$/, '');
}

/** Name as it reads mid-sentence: "Groenbeheer" → "groenbeheer", "ICT" stays. */
function inText(name: string): string {
  const second = name.charAt(1);
  return second !== '' && second === second.toLowerCase() && second !== second.toUpperCase()
    ? name.charAt(0).toLowerCase() + name.slice(1)
    : name;
}

interface Tables {
  municipalities: readonly MunicipalityRef[];
  places: string[];
  municipalityTable: AliasTable;
  /** Organisation candidates by sector then municipality index; repeats weight a choice. */
  localOrganisations: Record<Sector, Array<readonly string[]>>;
  provincialGovernment: string[][];
  sectors: Choice<Sector>;
  scopes: Record<Sector, Choice<RegionScope>>;

  /** Child disciplines, then group slugs that exist in the input: one index space. */
  slugs: string[];
  textNl: string[];
  textEn: string[];
  childCount: number;
  /** Index in `slugs` of each group's own slug, or -1 when the group is not an input discipline. */
  groupSlugIndex: Int32Array;
  groupTable: AliasTable;
  /** Per group: child table over its members and the member child indices. */
  groupChildTables: AliasTable[];
  groupChildren: number[][];
  childTable: AliasTable;
  hasGroupSlugs: boolean;
  /** Title templates that fit a theme, by index in `slugs`. */
  titlesBySlug: number[][];
}

function buildTables(opts: SyntheticOptions): Tables {
  const { municipalities, disciplines } = opts;
  if (municipalities.length === 0) throw new RangeError('synthetic network needs municipalities');

  const places = municipalities.map((m) => placeName(m.name));
  const municipalityTable = new AliasTable(municipalities.map((m) => POPULATION[m.code] ?? DEFAULT_POPULATION));

  const localOrganisations = {} as Record<Sector, Array<readonly string[]>>;
  for (const [sector] of SECTORS) localOrganisations[sector] = [];
  const provincialGovernment: string[][] = [];
  municipalities.forEach((m, i) => {
    const place = places[i] as string;
    const province = PROVINCE_NAMES[m.provinceCode] ?? m.provinceCode;
    const waterBoard = WATER_BOARDS[m.provinceCode] ?? `Waterschap ${province}`;
    localOrganisations[Sector.GOVERNMENT].push([`Gemeente ${place}`, `Gemeente ${place}`, `Gemeente ${place}`, `Gemeente ${place}`, `Provincie ${province}`]);
    provincialGovernment.push([`Provincie ${province}`, `Provincie ${province}`, waterBoard]);
    localOrganisations[Sector.INSTITUTION].push([
      `Woningcorporatie ${place}`, `Welzijn ${place}`, `Bibliotheek ${place}`, `Zorggroep ${place}`, `GGD ${province}`,
    ]);
    localOrganisations[Sector.SOCIAL_ENTERPRISE].push([
      `Stichting Buurtkracht ${place}`, `Energiecoöperatie ${place}`, `Stichting ${place} Doet`, `Buurtwerk ${place}`, `${place} Werkt`,
    ]);
    localOrganisations[Sector.BUSINESS].push([
      `${place} Advies`, `Buurtlab ${place}`, `Omgevingsadvies ${place}`, `Advocatenkantoor ${place}`, `Communicatiebureau ${place}`,
    ]);
    localOrganisations[Sector.SCIENCE].push(
      SCIENCE_BY_MUNICIPALITY[m.code] ?? [`Kenniswerkplaats ${province}`, `Onderzoeksbureau ${place}`],
    );
    localOrganisations[Sector.CITIZEN].push([
      `Bewonersorganisatie ${place}`, `Wijkraad ${place}-Noord`, `Wijkraad ${place}-Zuid`, `Huurdersvereniging ${place}`,
    ]);
  });

  const scopes = {} as Record<Sector, Choice<RegionScope>>;
  for (const [sector] of SECTORS) {
    const [local, province, national] = SCOPE_BY_SECTOR[sector];
    scopes[sector] = new Choice([
      [RegionScope.LOCAL, local],
      [RegionScope.PROVINCE, province],
      [RegionScope.NATIONAL, national],
    ]);
  }

  // Disciplines: children grouped by parent; popularity is Zipf over a rank fixed by a hash of
  // the slug, so it does not depend on the order of the input array.
  const bySlug = new Map(disciplines.map((d) => [d.slug, d]));
  const children = disciplines
    .filter((d) => d.parentSlug !== null)
    .sort((a, b) => hashText(a.slug) - hashText(b.slug) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  if (children.length === 0) throw new RangeError('synthetic network needs child disciplines (parentSlug set)');
  const childWeights = children.map((_, rank) => 1 / Math.pow(rank + 1, ZIPF_EXPONENT));

  const groupKeys = [...new Set(children.map((d) => d.parentSlug as string))].sort();
  const groupIndex = new Map(groupKeys.map((g, i) => [g, i]));
  const groupChildren: number[][] = groupKeys.map(() => []);
  children.forEach((d, i) => (groupChildren[groupIndex.get(d.parentSlug as string) as number] as number[]).push(i));

  const slugs = children.map((d) => d.slug);
  const textNl = children.map((d) => inText(d.nameNl));
  const textEn = children.map((d) => inText(d.nameEn));
  const groupSlugIndex = new Int32Array(groupKeys.length).fill(-1);
  groupKeys.forEach((g, gi) => {
    const group = bySlug.get(g);
    if (group) {
      groupSlugIndex[gi] = slugs.length;
      slugs.push(group.slug);
      textNl.push(inText(group.nameNl));
      textEn.push(inText(group.nameEn));
    }
  });

  // Titles that fit a theme by its own name, else by its group's name.
  const fittingTitles = (d: DisciplineSeed | undefined): number[] => {
    const name = d ? d.nameNl.toLowerCase() : '';
    const fits: number[] = [];
    TITLES.forEach((title, ti) => {
      if (name !== '' && title.keywords.some((k) => name.includes(k))) fits.push(ti);
    });
    return fits;
  };
  const titlesBySlug = slugs.map((slug, i) => {
    const own = i < children.length ? children[i] : bySlug.get(slug);
    const fits = fittingTitles(own);
    return fits.length > 0 || !own?.parentSlug ? fits : fittingTitles(bySlug.get(own.parentSlug));
  });

  return {
    municipalities,
    places,
    municipalityTable,
    localOrganisations,
    provincialGovernment,
    sectors: new Choice(SECTORS),
    scopes,
    slugs,
    textNl,
    textEn,
    childCount: children.length,
    groupSlugIndex,
    groupTable: new AliasTable(groupChildren.map((members) => members.reduce((s, c) => s + (childWeights[c] as number), 0))),
    groupChildTables: groupChildren.map((members) => new AliasTable(members.map((c) => childWeights[c] as number))),
    groupChildren,
    childTable: new AliasTable(childWeights),
    hasGroupSlugs: groupSlugIndex.some((i) => i >= 0),
    titlesBySlug,
  };
}

function validate(opts: SyntheticOptions): void {
  seed32(opts.seed);
  for (const field of ['professionals', 'initiatives'] as const) {
    const n = opts[field];
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${field} must be a non-negative integer, got ${n}`);
  }
  if (opts.initiatives > 0 && opts.professionals === 0) {
    throw new RangeError('initiatives need at least one professional as initiator');
  }
}

/** The first draws of a professional's stream: enough for an initiative to look at its initiator. */
interface ProfessionalCore {
  sector: Sector;
  scope: RegionScope;
  /** -1 for no municipality. */
  municipality: number;
}

function drawCore(t: Tables, rng: Rng, out: ProfessionalCore): void {
  out.sector = t.sectors.sample(rng);
  out.scope = t.scopes[out.sector].sample(rng);
  const withoutMunicipality = out.scope === RegionScope.NATIONAL && rng.chance(NATIONAL_WITHOUT_MUNICIPALITY);
  out.municipality = withoutMunicipality ? -1 : t.municipalityTable.sample(rng);
}

function organisationFor(t: Tables, rng: Rng, core: ProfessionalCore, surname: string): string | null {
  const { sector, scope, municipality } = core;
  if (sector === Sector.CITIZEN) {
    return municipality < 0 || rng.chance(0.65) ? null : rng.pick(t.localOrganisations[sector][municipality] as readonly string[]);
  }
  if (sector === Sector.BUSINESS && rng.chance(0.2)) return `${surname.charAt(0).toUpperCase()}${surname.slice(1)} Advies`;
  if (municipality < 0 || (scope === RegionScope.NATIONAL && rng.chance(0.5))) {
    return rng.pick(NATIONAL_ORGANISATIONS[sector]);
  }
  if (sector === Sector.GOVERNMENT && scope === RegionScope.PROVINCE && rng.chance(0.5)) {
    return rng.pick(t.provincialGovernment[municipality] as string[]);
  }
  return rng.pick(t.localOrganisations[sector][municipality] as readonly string[]);
}

function includes(list: Int32Array, count: number, value: number): boolean {
  for (let i = 0; i < count; i++) if (list[i] === value) return true;
  return false;
}

const MAX_TRIES = 8;

function emptyContext(): TextContext {
  return {
    place: '', wijk: '', role: '', org: null, offer1: '', offer2: null, seek1: '', topic: '', years: 0,
    title: '', theme1: '', theme2: null, need1: '', need2: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Generators

/** Professionals 0..professionals-1, one at a time. Options are checked before the first item. */
export function generateProfessionals(opts: SyntheticOptions): Generator<NetworkProfessional> {
  validate(opts);
  return professionalsFrom(opts, buildTables(opts));
}

/** Initiatives 0..initiatives-1; initiatorKeys refer to professionals of the same options. */
export function generateInitiatives(opts: SyntheticOptions): Generator<NetworkInitiative> {
  validate(opts);
  return initiativesFrom(opts, buildTables(opts));
}

/** The whole network in memory; for tests and small networks (the seed command streams instead). */
export function generateNetwork(opts: SyntheticOptions): {
  professionals: NetworkProfessional[];
  initiatives: NetworkInitiative[];
} {
  validate(opts);
  const tables = buildTables(opts);
  return { professionals: [...professionalsFrom(opts, tables)], initiatives: [...initiativesFrom(opts, tables)] };
}

function* professionalsFrom(opts: SyntheticOptions, t: Tables): Generator<NetworkProfessional> {
  const stream = mix(seed32(opts.seed), PROFESSIONAL_STREAM);
  const rng = new Rng();
  const core: ProfessionalCore = { sector: Sector.CITIZEN, scope: RegionScope.LOCAL, municipality: -1 };
  const ctx = emptyContext();
  const offered = new Int32Array(4);
  const sought = new Int32Array(3);
  const emailFirst = FIRST_NAMES.map(asciiSlug);
  const emailLast = SURNAMES.map(asciiSlug);
  const groups = t.groupChildren.length;

  for (let key = 0; key < opts.professionals; key++) {
    rng.reseed(mix(stream, key));
    drawCore(t, rng, core);
    const { sector, scope, municipality } = core;

    const first = Math.floor(rng.next() * FIRST_NAMES.length);
    const last = Math.floor(rng.next() * SURNAMES.length);
    const surname = SURNAMES[last] as string;
    const organisation = organisationFor(t, rng, core, surname);

    // Offers: mostly within one group, sometimes a second; popular disciplines drawn more often.
    const offerTarget = OFFER_COUNT.sample(rng);
    const group1 = t.groupTable.sample(rng);
    let group2 = -1;
    if (offerTarget >= 2 && groups > 1 && rng.chance(0.35)) {
      for (let i = 0; i < MAX_TRIES && (group2 < 0 || group2 === group1); i++) group2 = t.groupTable.sample(rng);
      if (group2 === group1) group2 = -1;
    }
    let offerCount = 0;
    for (let i = 0; i < offerTarget; i++) {
      for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
        const g = group2 >= 0 && (i === 1 || rng.chance(0.3)) ? group2 : group1;
        const members = t.groupChildren[g] as number[];
        const child = members[(t.groupChildTables[g] as AliasTable).sample(rng)] as number;
        if (!includes(offered, offerCount, child)) {
          offered[offerCount++] = child;
          break;
        }
      }
    }
    const offers: NetworkExpertise[] = new Array<NetworkExpertise>(offerCount);
    for (let i = 0; i < offerCount; i++) {
      offers[i] = { slug: t.slugs[offered[i] as number] as string, level: LEVELS.sample(rng) };
    }

    const seekTarget = SEEK_COUNT.sample(rng);
    let seekCount = 0;
    for (let i = 0; i < seekTarget; i++) {
      for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
        const candidate =
          t.hasGroupSlugs && rng.chance(0.05)
            ? (t.groupSlugIndex[t.groupTable.sample(rng)] as number)
            : t.childTable.sample(rng);
        if (candidate >= 0 && !includes(offered, offerCount, candidate) && !includes(sought, seekCount, candidate)) {
          sought[seekCount++] = candidate;
          break;
        }
      }
    }
    if (seekCount === 0) {
      // Every draw hit an offer (likely only in a small taxonomy): take the next child not offered.
      const start = Math.floor(rng.next() * t.childCount);
      for (let i = 0; i < t.childCount && seekCount === 0; i++) {
        const child = (start + i) % t.childCount;
        if (!includes(offered, offerCount, child)) sought[seekCount++] = child;
      }
    }
    const seeks: string[] = new Array<string>(seekCount);
    for (let i = 0; i < seekCount; i++) seeks[i] = t.slugs[sought[i] as number] as string;

    const locale: Locale = rng.chance(0.05) ? 'en' : 'nl';
    const english = locale === 'en';
    const texts = english ? t.textEn : t.textNl;
    ctx.place = municipality >= 0 ? (t.places[municipality] as string) : english ? 'the Netherlands' : 'heel Nederland';
    ctx.role = rng.pick((english ? ROLES_EN : ROLES_NL)[sector]);
    ctx.org = organisation;
    ctx.offer1 = texts[offered[0] as number] as string; // the first draw always succeeds
    ctx.offer2 = offerCount > 1 ? (texts[offered[1] as number] as string) : null;
    ctx.seek1 = seekCount > 0 ? (texts[sought[0] as number] as string) : english ? 'participation' : 'participatie';
    ctx.topic = rng.pick(english ? TOPICS_EN : TOPICS_NL);
    ctx.years = rng.int(2, 25);

    const headline = rng.chance(0.03) ? null : rng.pick(english ? HEADLINES_EN : HEADLINES_NL)(ctx);
    let bio: string | null = null;
    if (!rng.chance(0.08)) {
      bio = english
        ? rng.pick(BIO_EN)(ctx)
        : `${rng.pick(BIO_INTRO_NL)(ctx)} ${rng.pick(BIO_OFFER_NL)(ctx)} ${rng.pick(BIO_SEEK_NL)(ctx)}`;
    }

    // Skewed towards a few hours a month: 2 + ⌊39·u²⌋ lies in 2..40 with median 11.
    const u = rng.next();
    const availableHoursPerMonth = rng.chance(0.2) ? null : 2 + Math.floor(39 * u * u);

    yield {
      key,
      email: `${emailFirst[first] as string}.${emailLast[last] as string}.${key}@example.org`,
      name: `${FIRST_NAMES[first] as string} ${surname}`,
      headline,
      bio,
      organisation,
      sector,
      municipalityCode: municipality >= 0 ? (t.municipalities[municipality] as MunicipalityRef).code : null,
      scope,
      offers,
      seeks,
      availableHoursPerMonth,
      locale,
      optedIn: rng.chance(0.95),
      frequency: FREQUENCIES.sample(rng),
    };
  }
}

function* initiativesFrom(opts: SyntheticOptions, t: Tables): Generator<NetworkInitiative> {
  const seed = seed32(opts.seed);
  const stream = mix(seed, INITIATIVE_STREAM);
  const professionalStream = mix(seed, PROFESSIONAL_STREAM);
  const rng = new Rng();
  const peek = new Rng();
  const core: ProfessionalCore = { sector: Sector.CITIZEN, scope: RegionScope.LOCAL, municipality: -1 };
  const ctx = emptyContext();
  const initiators = new Int32Array(3);
  const themeIdx = new Int32Array(3);
  const themeGroup = new Int32Array(3);
  const needIdx = new Int32Array(5);
  const groups = t.groupChildren.length;
  const total = opts.professionals;

  for (let key = 0; key < opts.initiatives; key++) {
    rng.reseed(mix(stream, key));

    // Initiators: uniform keys, kept with a chance by sector (read from the professional's own stream).
    const initiatorTarget = Math.min(INITIATOR_COUNT.sample(rng), total);
    let initiatorCount = 0;
    let firstMunicipality = -1;
    while (initiatorCount < initiatorTarget) {
      let chosen = -1;
      let chosenMunicipality = -1;
      for (let attempt = 0; attempt < MAX_TRIES && chosen < 0; attempt++) {
        const candidate = Math.floor(rng.next() * total);
        if (includes(initiators, initiatorCount, candidate)) continue;
        peek.reseed(mix(professionalStream, candidate));
        drawCore(t, peek, core);
        if (rng.chance(INITIATOR_ACCEPT[core.sector]) || attempt === MAX_TRIES - 1) {
          chosen = candidate;
          chosenMunicipality = core.municipality;
        }
      }
      if (chosen < 0) {
        // Only in tiny networks: take the first free key.
        for (chosen = 0; includes(initiators, initiatorCount, chosen); chosen++);
        chosenMunicipality = -1;
      }
      if (initiatorCount === 0) firstMunicipality = chosenMunicipality;
      initiators[initiatorCount++] = chosen;
    }

    const status = STATUSES.sample(rng);
    const municipality =
      firstMunicipality >= 0 && rng.chance(0.8) ? firstMunicipality : t.municipalityTable.sample(rng);

    // Themes: a group or a child, later themes often from the first theme's group.
    const themeTarget = THEME_COUNT.sample(rng);
    let themeCount = 0;
    for (let i = 0; i < themeTarget; i++) {
      for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
        // A uniform group: initiatives are about every field alike, while professionals crowd
        // into a few popular ones.
        const g = i > 0 && rng.chance(0.6) ? (themeGroup[0] as number) : Math.floor(rng.next() * groups);
        const asGroup = t.hasGroupSlugs && rng.chance(0.3) ? (t.groupSlugIndex[g] as number) : -1;
        const members = t.groupChildren[g] as number[];
        const candidate = asGroup >= 0 ? asGroup : (members[(t.groupChildTables[g] as AliasTable).sample(rng)] as number);
        if (!includes(themeIdx, themeCount, candidate)) {
          themeIdx[themeCount] = candidate;
          themeGroup[themeCount++] = g;
          break;
        }
      }
    }
    const themes: string[] = new Array<string>(themeCount);
    for (let i = 0; i < themeCount; i++) themes[i] = t.slugs[themeIdx[i] as number] as string;

    // Needs: children, mostly from a theme's group.
    const needTarget = NEED_COUNT.sample(rng);
    let needCount = 0;
    for (let i = 0; i < needTarget; i++) {
      for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
        let candidate: number;
        if (themeCount > 0 && rng.chance(0.7)) {
          const g = themeGroup[Math.floor(rng.next() * themeCount)] as number;
          candidate = (t.groupChildren[g] as number[])[(t.groupChildTables[g] as AliasTable).sample(rng)] as number;
        } else {
          candidate = t.childTable.sample(rng);
        }
        if (!includes(needIdx, needCount, candidate)) {
          needIdx[needCount++] = candidate;
          break;
        }
      }
    }
    const fulfilledChance = FULFILLED_BY_STATUS[status];
    const needs: NetworkNeed[] = new Array<NetworkNeed>(needCount);
    for (let i = 0; i < needCount; i++) {
      needs[i] = {
        slug: t.slugs[needIdx[i] as number] as string,
        level: LEVELS.sample(rng),
        hoursPerMonth: rng.chance(0.25) ? null : rng.int(2, 20),
        fulfilled: rng.chance(fulfilledChance),
      };
    }

    ctx.place = t.places[municipality] as string;
    ctx.wijk = rng.pick(WIJKEN);
    ctx.topic = rng.pick(TOPICS_NL);
    ctx.theme1 = t.textNl[themeIdx[0] as number] as string;
    ctx.theme2 = themeCount > 1 ? (t.textNl[themeIdx[1] as number] as string) : null;
    ctx.need1 = t.textNl[needIdx[0] as number] as string;
    ctx.need2 = needCount > 1 ? (t.textNl[needIdx[1] as number] as string) : null;
    const fitting = t.titlesBySlug[themeIdx[0] as number] as number[];
    const titleTemplate =
      fitting.length > 0 && rng.chance(0.75)
        ? (TITLES[rng.pick(fitting)] as TitleTemplate)
        : rng.pick(TITLES);
    ctx.title = titleTemplate.make(ctx);

    const summary = rng.pick(SUMMARIES)(ctx);
    const description = rng.chance(status === InitiativeStatus.IDEA ? 0.3 : 0.05)
      ? null
      : `${rng.pick(DESCRIPTION_OPENERS)(ctx)} ${rng.pick(DESCRIPTION_MIDDLES)(ctx)} ${rng.pick(DESCRIPTION_NEEDS)(ctx)}`;
    let lessonsLearned: string | null = null;
    const lessonsChance =
      status === InitiativeStatus.IDEA ? 0 : status === InitiativeStatus.STARTING ? 0.5 : status === InitiativeStatus.RUNNING ? 0.85 : 1;
    if (rng.chance(lessonsChance)) {
      const firstLesson = rng.pick(LESSONS)(ctx);
      const secondLesson = rng.pick(LESSONS)(ctx);
      lessonsLearned = firstLesson === secondLesson ? firstLesson : `${firstLesson} ${secondLesson}`;
    }

    yield {
      key,
      title: ctx.title,
      summary,
      description,
      lessonsLearned,
      status,
      municipalityCode: (t.municipalities[municipality] as MunicipalityRef).code,
      themes,
      needs,
      initiatorKeys: Array.from(initiators.subarray(0, initiatorCount)),
    };
  }
}
