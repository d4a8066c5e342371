import type { ExpertiseNeedEntity, InitiativeEntity } from '../initiative.entity.js';
import type { ExpertiseNeed, Initiative } from './initiative.types.js';

export function toInitiative(e: InitiativeEntity): Initiative {
  return {
    id: e.id,
    title: e.title,
    summary: e.summary,
    description: e.description,
    lessonsLearned: e.lessonsLearned,
    status: e.status,
    createdAt: e.createdAt,
    municipalityCode: e.municipalityCode,
  };
}

export function toExpertiseNeed(e: ExpertiseNeedEntity): ExpertiseNeed {
  return {
    id: e.id,
    level: e.level,
    hoursPerMonth: e.hoursPerMonth,
    fulfilled: e.fulfilled,
    initiativeId: e.initiativeId,
    disciplineId: e.disciplineId,
  };
}
