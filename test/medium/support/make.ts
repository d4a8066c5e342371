// Factories for the medium tier: rows with sensible defaults, written with SQL to the test
// file's database, so a test arranges only what it is about. Disciplines and municipalities are
// the reference data the migrations loaded: named by slug and by name (or code).
//
//   const anna = await make.professional({ offers: ['participatie'], seeks: ['subsidies'], municipality: 'Utrecht' });
//   const tuin = await make.initiative({ initiators: [anna.id], needs: [{ discipline: 'groenbeheer' }] });
//   await make.introduction({ a: anna.id, b: bob.id, status: 'SENT' });
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

type Level = 'BASIC' | 'EXPERIENCED' | 'EXPERT';

export interface ProfessionalSpec {
  id?: string;
  name?: string;
  email?: string;
  sector?: 'GOVERNMENT' | 'SCIENCE' | 'BUSINESS' | 'SOCIAL_ENTERPRISE' | 'INSTITUTION' | 'CITIZEN';
  /** A municipality's name ('Utrecht') or code ('GM0344'); null for none. Default Utrecht. */
  municipality?: string | null;
  scope?: 'LOCAL' | 'PROVINCE' | 'NATIONAL';
  headline?: string | null;
  bio?: string | null;
  organisation?: string | null;
  hoursPerMonth?: number | null;
  /** Slugs (at EXPERIENCED level), or slug → level. */
  offers?: readonly string[] | Readonly<Record<string, Level>>;
  seeks?: readonly string[];
  optedIn?: boolean;
  /** Whether the person ever signed in (confirmed the address; runs skip those who did not). Default true. */
  signedIn?: boolean;
  frequency?: 'WEEKLY' | 'BIWEEKLY' | 'MONTHLY' | 'PAUSED';
  maxIntroductionsPerDigest?: number;
  locale?: 'nl' | 'en';
  roles?: readonly ('PROFESSIONAL' | 'ADMIN')[];
}

export interface MadeProfessional {
  id: string;
  email: string;
  name: string;
  municipalityCode: string | null;
}

export interface InitiativeSpec {
  id?: string;
  title?: string;
  summary?: string;
  description?: string | null;
  lessonsLearned?: string | null;
  status?: 'IDEA' | 'STARTING' | 'RUNNING' | 'COMPLETED' | 'STOPPED';
  /** A municipality's name or code. Default Utrecht. */
  municipality?: string;
  themes?: readonly string[];
  needs?: readonly { discipline: string; level?: Level; hoursPerMonth?: number | null; fulfilled?: boolean }[];
  /** Professional ids. */
  initiators?: readonly string[];
  createdAt?: Date;
}

export interface MadeInitiative {
  id: string;
  /** The needs' ids, in the order given. */
  needIds: string[];
}

export interface MatchRunSpec {
  status?: 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';
  dryRun?: boolean;
  requestedBy?: string | null;
  createdAt?: Date;
}

export interface IntroductionSpec {
  /** The run it belongs to; default a new COMPLETED run. */
  runId?: string;
  kind?: 'PEER' | 'INITIATIVE';
  /** PEER: either person (stored in id order). INITIATIVE: the professional. */
  a: string;
  /** PEER: the other person. INITIATIVE: the initiator. */
  b: string;
  initiativeId?: string | null;
  needId?: string | null;
  score?: number;
  status?: 'PROPOSED' | 'SENT' | 'ACCEPTED' | 'CONNECTED' | 'DECLINED' | 'EXPIRED';
  /** Answers already given, by person id (a or b as given above); default none. */
  answers?: Readonly<Record<string, boolean>>;
  createdAt?: Date;
  /** Default: 14 days after createdAt. */
  expiresAt?: Date | null;
}

export interface OutboxSpec {
  kind?: 'digest' | 'connected' | 'paused';
  accountId: string;
  runId?: string | null;
  introductionId?: string | null;
  /** Default `<kind>:<run or introduction>:<account>`, as the features write them. */
  key?: string;
  status?: 'PENDING' | 'SENT' | 'FAILED';
  lastError?: string | null;
  requeues?: number;
  createdAt?: Date;
}

export type Make = ReturnType<typeof makeFactories>;

const UTRECHT = 'GM0344';

export function makeFactories(db: DataSource) {
  let disciplines: Map<string, number> | undefined;
  let municipalities: Map<string, string> | undefined;
  let counter = 0;

  async function disciplineId(slug: string): Promise<number> {
    disciplines ??= new Map(((await db.query(`SELECT id, slug FROM discipline`)) as { id: number; slug: string }[]).map((d) => [d.slug, d.id]));
    const id = disciplines.get(slug);
    if (id === undefined) throw new Error(`make: no discipline with slug "${slug}" in the taxonomy`);
    return id;
  }

  /** A name ('Utrecht') or a code ('GM0344') → the code. */
  async function municipalityCode(nameOrCode: string): Promise<string> {
    if (!municipalities) {
      const rows = (await db.query(`SELECT code, name FROM municipality`)) as { code: string; name: string }[];
      municipalities = new Map(rows.flatMap((m) => [[m.code, m.code], [m.name.toLowerCase(), m.code]]));
    }
    const code = municipalities.get(nameOrCode) ?? municipalities.get(nameOrCode.toLowerCase());
    if (!code) throw new Error(`make: no municipality "${nameOrCode}"`);
    return code;
  }

  const make = {
    disciplineId,
    municipalityCode,

    /** An account with its professional profile; signed in once, opted in, weekly digests. */
    async professional(spec: ProfessionalSpec = {}): Promise<MadeProfessional> {
      const id = spec.id ?? randomUUID();
      const n = ++counter;
      const name = spec.name ?? `Professional ${n}`;
      const email = spec.email ?? `professional-${n}-${id.slice(0, 8)}@example.org`;
      const code = spec.municipality === null ? null : await municipalityCode(spec.municipality ?? UTRECHT);
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO account (id, email, roles, locale, opted_in, digest_frequency, max_introductions_per_digest, last_sign_in_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8 THEN now() END)`,
          [id, email, spec.roles ?? ['PROFESSIONAL'], spec.locale ?? 'nl', spec.optedIn ?? true, spec.frequency ?? 'WEEKLY',
            spec.maxIntroductionsPerDigest ?? 3, spec.signedIn ?? true],
        );
        await tx.query(
          `INSERT INTO professional (id, name, sector, municipality_code, scope, headline, bio, organisation, available_hours_per_month)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [id, name, spec.sector ?? 'CITIZEN', code, spec.scope ?? 'LOCAL', spec.headline ?? null, spec.bio ?? null, spec.organisation ?? null,
            spec.hoursPerMonth ?? null],
        );
        const offers: [string, Level][] = Array.isArray(spec.offers)
          ? (spec.offers as readonly string[]).map((slug) => [slug, 'EXPERIENCED'])
          : Object.entries((spec.offers ?? {}) as Record<string, Level>);
        for (const [slug, level] of offers) {
          await tx.query(`INSERT INTO professional_offer (professional_id, discipline_id, level) VALUES ($1, $2, $3)`, [id, await disciplineId(slug), level]);
        }
        for (const slug of spec.seeks ?? []) {
          await tx.query(`INSERT INTO professional_seek (professional_id, discipline_id) VALUES ($1, $2)`, [id, await disciplineId(slug)]);
        }
      });
      return { id, email, name, municipalityCode: code };
    },

    /** An initiative (RUNNING, in Utrecht) with its themes, needs and initiators. */
    async initiative(spec: InitiativeSpec = {}): Promise<MadeInitiative> {
      const id = spec.id ?? randomUUID();
      const n = ++counter;
      const code = await municipalityCode(spec.municipality ?? UTRECHT);
      const needIds: string[] = [];
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO initiative (id, title, summary, description, lessons_learned, status, municipality_code, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
          [id, spec.title ?? `Initiative ${n}`, spec.summary ?? 'Een initiatief voor de buurt', spec.description ?? null, spec.lessonsLearned ?? null,
            spec.status ?? 'RUNNING', code, spec.createdAt ?? new Date()],
        );
        for (const slug of spec.themes ?? []) {
          await tx.query(`INSERT INTO initiative_theme (initiative_id, discipline_id) VALUES ($1, $2)`, [id, await disciplineId(slug)]);
        }
        for (const need of spec.needs ?? []) {
          const needId = randomUUID();
          await tx.query(
            `INSERT INTO expertise_need (id, initiative_id, discipline_id, level, hours_per_month, fulfilled) VALUES ($1, $2, $3, $4, $5, $6)`,
            [needId, id, await disciplineId(need.discipline), need.level ?? 'EXPERIENCED', need.hoursPerMonth ?? null, need.fulfilled ?? false],
          );
          needIds.push(needId);
        }
        for (const professionalId of spec.initiators ?? []) {
          await tx.query(`INSERT INTO initiative_initiator (initiative_id, professional_id) VALUES ($1, $2)`, [id, professionalId]);
        }
      });
      return { id, needIds };
    },

    /** A match run with the active rule set (COMPLETED unless told otherwise); returns its id. */
    async matchRun(spec: MatchRunSpec = {}): Promise<string> {
      const id = randomUUID();
      const status = spec.status ?? 'COMPLETED';
      const finished = status === 'COMPLETED' || status === 'FAILED';
      await db.query(
        `INSERT INTO match_run (id, status, dry_run, rule_set_version, requested_by, created_at, started_at, finished_at, stats)
         SELECT $1, $2::match_run_status, $3, max(version), $4, $5::timestamptz, CASE WHEN $2::match_run_status <> 'QUEUED' THEN $5::timestamptz END,
           CASE WHEN $6 THEN $5::timestamptz END, CASE WHEN $2::match_run_status = 'COMPLETED' THEN '{}'::jsonb END
         FROM match_rule_set`,
        [id, status, spec.dryRun ?? false, spec.requestedBy ?? null, spec.createdAt ?? new Date(), finished],
      );
      return id;
    },

    /** An introduction of two people (PROPOSED, score 0.8) in a run; returns its id. */
    async introduction(spec: IntroductionSpec): Promise<string> {
      const id = randomUUID();
      const kind = spec.kind ?? 'PEER';
      // A PEER pair is stored in id order (UNIQUE (run_id, a_id, b_id) relies on it).
      const [a, b] = kind === 'PEER' && spec.b < spec.a ? [spec.b, spec.a] : [spec.a, spec.b];
      const runId = spec.runId ?? (await make.matchRun());
      const createdAt = spec.createdAt ?? new Date();
      const expiresAt = spec.expiresAt === undefined ? new Date(createdAt.getTime() + 14 * 86_400_000) : spec.expiresAt;
      const answer = (person: string): boolean | null => spec.answers?.[person] ?? null;
      await db.query(
        `INSERT INTO introduction (id, run_id, kind, a_id, b_id, initiative_id, need_id, score, reasons, status, created_at, updated_at, expires_at,
           a_answer, a_answered_at, b_answer, b_answered_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '[]'::jsonb, $9, $10, $10, $11, $12, CASE WHEN $12::boolean IS NOT NULL THEN $10::timestamptz END,
           $13, CASE WHEN $13::boolean IS NOT NULL THEN $10::timestamptz END)`,
        [id, runId, kind, a, b, spec.initiativeId ?? null, spec.needId ?? null, spec.score ?? 0.8, spec.status ?? 'PROPOSED', createdAt, expiresAt,
          answer(a), answer(b)],
      );
      return id;
    },

    /** An email_outbox row (PENDING); returns its id. */
    async outbox(spec: OutboxSpec): Promise<string> {
      const id = randomUUID();
      const kind = spec.kind ?? 'digest';
      const key = spec.key ?? `${kind}:${spec.runId ?? spec.introductionId ?? 'none'}:${spec.accountId}`;
      await db.query(
        `INSERT INTO email_outbox (id, idempotency_key, kind, account_id, run_id, introduction_id, status, last_error, requeues, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, key, kind, spec.accountId, spec.runId ?? null, spec.introductionId ?? null, spec.status ?? 'PENDING', spec.lastError ?? null,
          spec.requeues ?? 0, spec.createdAt ?? new Date()],
      );
      return id;
    },

    /** How many digests in a row someone left unanswered (digest_state). */
    async digestState(accountId: string, unansweredInRow: number, lastDigestAt: Date | null = new Date()): Promise<void> {
      await db.query(
        `INSERT INTO digest_state (account_id, unanswered_in_row, last_digest_at) VALUES ($1, $2, $3)
         ON CONFLICT (account_id) DO UPDATE SET unanswered_in_row = EXCLUDED.unanswered_in_row, last_digest_at = EXCLUDED.last_digest_at`,
        [accountId, unansweredInRow, lastDigestAt],
      );
    },
  };
  return make;
}
