import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { type AccountPreferences, AccountsService } from '../auth/accounts.service.js';
import { AuthService } from '../auth/auth.service.js';
import { ViewerCache } from '../auth/viewer-cache.js';
import { InvalidInput, NotFound } from '../common/domain-error.js';
import { normalizeEmail } from '../common/email-address.js';
import { type ExpertiseLevel, type Locale, RegionScope, type Sector } from '../common/enums.js';
import type { JobPayloads } from '../jobs/jobs.js';
import { ownAnswerSql, viewerStatusSql } from '../introductions/viewer-status.js';
import { wholeForCaller } from '../graphql/anonymous-visibility.js';
import { groupBy, linked } from '../graphql/loaders.js';
import { DisciplinesService } from '../disciplines/disciplines.service.js';
import { InitiativesService } from '../initiatives/initiatives.service.js';
import { EmailQueue } from '../mail/email.queue.js';
import { RegionsService } from '../regions/regions.service.js';
import { toPreferences, toProfessional } from './dto/professional.mapper.js';
import type { PreferencesInput, ProfileInput } from './dto/professional.inputs.js';
import type { MatchingPreferences, Me, Professional } from './dto/professional.types.js';
import type { OfferRow } from './professional.loaders.js';
import { ProfessionalEntity, ProfessionalOfferEntity, ProfessionalSeekEntity } from './professional.entity.js';

/** A professional as this service returns it to other features (the entity's fields). */
export type ProfessionalRecord = ProfessionalEntity;

export interface Registration {
  email: string;
  name: string;
  sector: Sector;
  municipalityCode?: string | null;
  locale?: string | null;
  /** The web app's page to open after signing in. */
  next?: string | null;
}

const UNIQUE_VIOLATION = '23505';

const MAX_OFFERS = 20;
const MAX_SEEKS = 20;

/** Fields that may be cleared with an explicit null; name and sector may not. */
const REQUIRED_PROFILE_FIELDS = ['name', 'sector', 'scope'] as const;

@Injectable()
export class ProfessionalsService {
  private readonly logger = new Logger(ProfessionalsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly disciplines: DisciplinesService,
    private readonly regions: RegionsService,
    private readonly viewers: ViewerCache,
    private readonly auth: AuthService,
    private readonly accounts: AccountsService,
    private readonly initiatives: InitiativesService,
    private readonly emails: EmailQueue,
  ) {}

  /**
   * Queues the registration: the worker creates the account unless the address has one, then
   * emails a sign-in link either way. Only what needs no lookup happens here (the municipality is
   * checked against reference data in memory), so the answer is the same, and takes as long,
   * whether or not the address is known.
   */
  async register(input: Registration): Promise<void> {
    if (input.municipalityCode) this.regions.requireMunicipality(input.municipalityCode);
    await this.emails.add('registration', {
      email: normalizeEmail(input.email),
      name: input.name.trim(),
      sector: input.sector,
      municipalityCode: input.municipalityCode ?? null,
      locale: input.locale === 'en' ? 'en' : 'nl',
      next: input.next ?? null,
    });
  }

  /** Worker side of register: the account of the address, created now if there is none. */
  async accountForRegistration(registration: JobPayloads['email']['registration']): Promise<string> {
    return (await this.auth.accountIdOf(registration.email)) ?? (await this.createAccount(registration));
  }

  async me(accountId: string): Promise<Me> {
    const account = await this.accounts.find(accountId);
    const professional = await this.db.getRepository(ProfessionalEntity).findOneBy({ id: accountId });
    if (!account || !professional) throw new NotFound('Your account no longer exists');
    return {
      email: account.email,
      roles: account.roles,
      preferences: toPreferences(account),
      // Also the answer of signIn, whose request has no viewer yet.
      professional: wholeForCaller(toProfessional(professional)),
    };
  }

  async updateProfile(accountId: string, input: ProfileInput): Promise<Professional> {
    for (const field of REQUIRED_PROFILE_FIELDS) {
      if (input[field] === null) throw new InvalidInput(`${field} cannot be empty`, { field });
    }
    if (input.municipalityCode) this.regions.requireMunicipality(input.municipalityCode);
    const changes: Partial<ProfessionalEntity> = {};
    for (const [key, value] of Object.entries(input) as [keyof ProfileInput, unknown][]) {
      if (value !== undefined) (changes as Record<string, unknown>)[key] = typeof value === 'string' ? value.trim() || null : value;
    }
    const repo = this.db.getRepository(ProfessionalEntity);
    if (Object.keys(changes).length > 0) await repo.update(accountId, changes);
    return toProfessional(await this.require(accountId));
  }

  /** Replaces what the caller offers and seeks, in one transaction. */
  async setExpertise(
    accountId: string,
    offers: readonly { discipline: string; level: ExpertiseLevel }[],
    seeks: readonly string[],
  ): Promise<Professional> {
    if (offers.length > MAX_OFFERS) throw new InvalidInput(`At most ${MAX_OFFERS} offers`, { field: 'offers' });
    if (seeks.length > MAX_SEEKS) throw new InvalidInput(`At most ${MAX_SEEKS} seeks`, { field: 'seeks' });
    const offerIds = this.disciplines.requireIds(offers.map((o) => o.discipline));
    const seekIds = this.disciplines.requireIds(seeks);
    if (new Set(offerIds).size !== offerIds.length) throw new InvalidInput('A discipline is offered twice', { field: 'offers' });
    await this.db.transaction(async (tx) => {
      await tx.getRepository(ProfessionalOfferEntity).delete({ professionalId: accountId });
      await tx.getRepository(ProfessionalSeekEntity).delete({ professionalId: accountId });
      if (offerIds.length > 0) {
        await tx
          .getRepository(ProfessionalOfferEntity)
          .insert(offerIds.map((disciplineId, i) => ({ professionalId: accountId, disciplineId, level: offers[i].level })));
      }
      const uniqueSeeks = [...new Set(seekIds)];
      if (uniqueSeeks.length > 0) {
        await tx.getRepository(ProfessionalSeekEntity).insert(uniqueSeeks.map((disciplineId) => ({ professionalId: accountId, disciplineId })));
      }
      await tx.getRepository(ProfessionalEntity).update(accountId, { updatedAt: new Date() });
    });
    return toProfessional(await this.require(accountId));
  }

  async updatePreferences(accountId: string, input: PreferencesInput): Promise<MatchingPreferences> {
    const changes: AccountPreferences = {};
    if (input.optedIn != null) changes.optedIn = input.optedIn;
    if (input.frequency != null) changes.frequency = input.frequency;
    if (input.maxIntroductionsPerDigest != null) changes.maxIntroductionsPerDigest = input.maxIntroductionsPerDigest;
    if (input.locale != null) changes.locale = input.locale as Locale;
    const account = await this.accounts.updatePreferences(accountId, changes);
    if (!account) throw new NotFound('Your account no longer exists');
    return toPreferences(account);
  }

  async require(id: string): Promise<ProfessionalEntity> {
    const found = await this.db.getRepository(ProfessionalEntity).findOneBy({ id });
    if (!found) throw new NotFound(`No professional with id ${id}`, { id });
    return found;
  }

  async byIds(ids: readonly string[]): Promise<ProfessionalEntity[]> {
    return ids.length ? this.db.getRepository(ProfessionalEntity).findBy({ id: In([...ids]) }) : [];
  }

  /** What each professional offers, in taxonomy order (a DataLoader batch). */
  async offersOf(ids: readonly string[]): Promise<OfferRow[][]> {
    const rows: { professional_id: string; discipline_id: number; level: ExpertiseLevel }[] = await this.db.query(
      `SELECT o.professional_id, o.discipline_id, o.level FROM professional_offer o
       JOIN discipline d ON d.id = o.discipline_id
       WHERE o.professional_id = ANY($1::uuid[]) ORDER BY d.position`,
      [ids],
    );
    return groupBy(ids, rows, (r) => r.professional_id).map((group) =>
      group.map((r) => ({ disciplineId: r.discipline_id, level: r.level })),
    );
  }

  /** The discipline ids each professional seeks, in taxonomy order (a DataLoader batch). */
  async seeksOf(ids: readonly string[]): Promise<number[][]> {
    const rows: { professional_id: string; discipline_id: number }[] = await this.db.query(
      `SELECT s.professional_id, s.discipline_id FROM professional_seek s
       JOIN discipline d ON d.id = s.discipline_id
       WHERE s.professional_id = ANY($1::uuid[]) ORDER BY d.position`,
      [ids],
    );
    return groupBy(ids, rows, (r) => r.professional_id).map((group) => group.map((r) => r.discipline_id));
  }

  /** The initiators of each initiative, in the order they were added (a DataLoader batch). */
  initiatorsOf(initiativeIds: readonly string[]): Promise<ProfessionalEntity[][]> {
    return linked(this.db, initiativeIds, ProfessionalEntity,
      `SELECT ii.initiative_id AS owner, p.* FROM professional p JOIN initiative_initiator ii ON ii.professional_id = p.id
       WHERE ii.initiative_id = ANY($1::uuid[]) ORDER BY ii.added_at, p.id`);
  }

  /** Everything stored about the caller, as one JSON document (GDPR art. 15 and 20). */
  async exportData(accountId: string): Promise<string> {
    const q = <T>(sql: string): Promise<T[]> => this.db.query(sql, [accountId]);
    const [account] = await q(`SELECT id, email, roles, locale, opted_in, digest_frequency, max_introductions_per_digest,
      created_at, updated_at, last_sign_in_at FROM account WHERE id = $1`);
    if (!account) throw new NotFound('Your account no longer exists');
    const [profile] = await q(`SELECT id, name, headline, bio, organisation, sector, municipality_code, scope,
      available_hours_per_month, created_at, updated_at FROM professional WHERE id = $1`);
    const offers = await q(`SELECT d.slug AS discipline, o.level FROM professional_offer o JOIN discipline d ON d.id = o.discipline_id WHERE o.professional_id = $1 ORDER BY d.position`);
    const seeks = await q(`SELECT d.slug AS discipline FROM professional_seek s JOIN discipline d ON d.id = s.discipline_id WHERE s.professional_id = $1 ORDER BY d.position`);
    const initiatives = await q(`SELECT i.id, i.title, i.summary, i.description, i.lessons_learned, i.status, i.municipality_code, i.created_at, ii.added_at AS initiator_since
      FROM initiative i JOIN initiative_initiator ii ON ii.initiative_id = i.id WHERE ii.professional_id = $1 ORDER BY i.created_at`);
    const signIns = await q(`SELECT created_at, expires_at, used_at FROM sign_in_token WHERE account_id = $1 ORDER BY created_at`);
    // Introductions from the caller's side: the status as they see it (a decline by the other stays
    // private), their own answer and rating, the counterpart by name only.
    const introductions = await q(`SELECT i.id, i.kind, ${viewerStatusSql('i', '$1')} AS status, i.score, i.created_at, i.expires_at, i.connected_at, c.name AS counterpart,
        n.title AS initiative,
        ${ownAnswerSql('i', '$1')} AS your_answer,
        CASE WHEN i.a_id = $1 THEN i.a_answered_at ELSE i.b_answered_at END AS answered_at,
        CASE WHEN i.a_id = $1 THEN i.a_useful ELSE i.b_useful END AS you_found_it_useful,
        CASE WHEN i.a_id = $1 THEN i.a_comment ELSE i.b_comment END AS your_comment
      FROM introduction i JOIN professional c ON c.id = CASE WHEN i.a_id = $1 THEN i.b_id ELSE i.a_id END
      LEFT JOIN initiative n ON n.id = i.initiative_id
      WHERE i.a_id = $1 OR i.b_id = $1 ORDER BY i.created_at, i.id`);
    const emails = await q(`SELECT kind, status, created_at, sent_at FROM email_outbox WHERE account_id = $1 ORDER BY created_at`);
    const [digests] = await q(`SELECT unanswered_in_row, last_digest_at FROM digest_state WHERE account_id = $1`);
    const ruleSets = await q(`SELECT version, note, created_at FROM match_rule_set WHERE created_by = $1 ORDER BY version`);
    return JSON.stringify(
      {
        exportedAt: new Date().toISOString(),
        account,
        profile,
        offers,
        seeks,
        initiatives,
        signInLinks: signIns,
        introductions,
        emails,
        digests: digests ?? null,
        matchRuleVersionsYouStored: ruleSets,
      },
      null,
      2,
    );
  }

  /**
   * Erases the caller and what only they own: initiatives of which they are the only
   * initiator go; initiatives with other initiators stay, without them.
   */
  async deleteAccount(accountId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.initiatives.deleteSolelyInitiatedBy(tx, accountId);
      // Cascades to professional, offers, seeks, initiator rows and sign-in tokens.
      await this.accounts.delete(tx, accountId);
    });
    // Its session tokens stop working here at once (other API processes: ViewerCache).
    this.viewers.forgetAccount(accountId);
    this.logger.log({ accountId }, 'account deleted');
  }

  private async createAccount(input: JobPayloads['email']['registration']): Promise<string> {
    const id = randomUUID();
    try {
      await this.db.transaction(async (tx) => {
        await this.accounts.create(tx, { id, email: input.email, locale: input.locale });
        await tx.getRepository(ProfessionalEntity).insert({
          id,
          name: input.name,
          sector: input.sector,
          municipalityCode: input.municipalityCode,
          scope: RegionScope.LOCAL,
        });
      });
      this.logger.log({ accountId: id }, 'account registered');
      return id;
    } catch (error) {
      // Two registrations of one address at once: the second finds the first.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        const existing = await this.auth.accountIdOf(input.email);
        if (existing) return existing;
      }
      throw error;
    }
  }
}
