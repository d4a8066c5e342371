import type { DisciplineEntity } from '../discipline.entity.js';
import type { Discipline } from './discipline.type.js';

export function toDiscipline(entity: DisciplineEntity): Discipline {
  return { id: String(entity.id), slug: entity.slug };
}
