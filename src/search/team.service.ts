import { Injectable } from '@nestjs/common';
import { AccountsService } from '../auth/accounts.service.js';
import { isAdmin, type Viewer } from '../graphql/viewer.js';
import { Forbidden, InvalidInput, NotFound } from '../common/domain-error.js';
import { LEVEL_RANK } from '../common/enums.js';
import { DisciplinesService } from '../disciplines/disciplines.service.js';
import { type ExpertiseNeedRecord, InitiativesService } from '../initiatives/initiatives.service.js';
import { distanceKm } from '../regions/distance.js';
import { RegionsService } from '../regions/regions.service.js';
import type { ExpertProfile } from './expert-index.js';
import { ExpertIndexSync } from './expert-index.sync.js';
import { memberReasons, suggestTeam, type NeedToCover, type TeamCandidate } from './team/team-cover.js';
import { teamReasonTexts, type TeamReasonView } from './team-reason.texts.js';

export const MAX_TEAM_SIZE = 20;

export interface Team {
  /** `reasons`: why each is in the team, in the viewer's language. */
  members: { professional: ExpertProfile; covers: ExpertiseNeedRecord[]; reasons: TeamReasonView[] }[];
  uncovered: ExpertiseNeedRecord[];
}

/** Team suggestion for an initiative: who together cover its open needs (team/team-cover.ts). */
@Injectable()
export class TeamService {
  constructor(
    private readonly initiatives: InitiativesService,
    private readonly disciplines: DisciplinesService,
    private readonly regions: RegionsService,
    private readonly experts: ExpertIndexSync,
    private readonly accounts: AccountsService,
  ) {}

  async suggest(viewer: Viewer, initiativeId: string, maxMembers: number): Promise<Team> {
    if (!Number.isInteger(maxMembers) || maxMembers < 1 || maxMembers > MAX_TEAM_SIZE) {
      throw new InvalidInput(`maxMembers must be between 1 and ${MAX_TEAM_SIZE}`, { field: 'maxMembers', value: maxMembers });
    }
    const initiative = await this.initiatives.get(initiativeId);
    if (!initiative) throw new NotFound(`No initiative with id ${initiativeId}`, { id: initiativeId });
    const initiatorIds = new Set(await this.initiatives.initiatorIds(initiativeId));
    if (!isAdmin(viewer) && !initiatorIds.has(viewer.accountId)) {
      throw new Forbidden('Only initiators of this initiative and admins may ask for a team');
    }
    const open = await this.initiatives.openNeeds(initiativeId);

    const needs: NeedToCover[] = open.map((n) => ({
      id: n.id,
      disciplineIds: this.disciplines.withDescendants(n.disciplineId),
      minLevelRank: LEVEL_RANK[n.level],
      hoursPerMonth: n.hoursPerMonth,
    }));
    const index = await this.experts.current();
    const docs = await index.offering([...new Set(needs.flatMap((n) => n.disciplineIds))], initiatorIds);
    const place = this.regions.requireMunicipality(initiative.municipalityCode);
    const candidates: TeamCandidate[] = docs.map(({ profile, offers }) => {
      const home = this.regions.municipality(profile.municipalityCode);
      return {
        id: profile.id,
        offers,
        distanceKm: home ? distanceKm(place.latitude, place.longitude, home.latitude, home.longitude) : null,
        availableHoursPerMonth: profile.availableHoursPerMonth,
      };
    });
    const cover = suggestTeam(needs, candidates, { maxMembers });
    const needById = new Map(open.map((n) => [n.id, n]));
    const profileById = new Map(docs.map(({ profile }) => [profile.id, profile]));
    const candidateById = new Map(candidates.map((c) => [c.id, c]));
    const locale = (await this.accounts.find(viewer.accountId))?.locale ?? 'nl';
    const names = {
      discipline: (id: number) => {
        const d = this.disciplines.get(id);
        return { nl: d.nameNl, en: d.nameEn };
      },
      needDisciplineId: (needId: string) => needById.get(needId)!.disciplineId,
      place: place.name,
    };
    return {
      members: cover.members.map((m) => ({
        professional: profileById.get(m.candidateId)!,
        covers: m.covers.map((id) => needById.get(id)!),
        reasons: teamReasonTexts(memberReasons(candidateById.get(m.candidateId)!, m.covers, needs), names, locale),
      })),
      uncovered: cover.uncovered.map((id) => needById.get(id)!),
    };
  }
}
