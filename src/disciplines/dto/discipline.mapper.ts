import type { DisciplineEntity } from '../discipline.entity.js';
import type { Discipline } from './discipline.type.js';

/**
 * One (frozen) object per taxonomy entry: the entities come from DisciplinesService's cache
 * and live as long as the process, and lists such as a page of search results ask for the
 * same few disciplines many times.
 */
const mapped = new WeakMap<DisciplineEntity, Discipline>();

export function toDiscipline(entity: DisciplineEntity): Discipline {
  let discipline = mapped.get(entity);
  if (discipline === undefined) {
    discipline = Object.freeze({ id: String(entity.id), slug: entity.slug });
    mapped.set(entity, discipline);
  }
  return discipline;
}
