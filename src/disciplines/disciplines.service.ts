import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { InvalidInput, UnknownDiscipline } from '../common/domain-error.js';
import type { Locale } from '../common/enums.js';
import { DisciplineEntity } from './discipline.entity.js';

/**
 * The taxonomy changes only with a migration, so it is read once at start-up and served
 * from memory: resolving a discipline of a nested field costs no query.
 */
/** A discipline as other features see it (the entity stays disciplines'). */
export type DisciplineRecord = DisciplineEntity;

@Injectable()
export class DisciplinesService implements OnModuleInit {
  private byId = new Map<number, DisciplineEntity>();
  private bySlug = new Map<string, DisciplineEntity>();
  private childrenOf = new Map<number, DisciplineEntity[]>();
  private ordered: DisciplineEntity[] = [];
  /** Per discipline id: its Dutch name, English name and slug, normalised (searchable) and joined by "|". */
  private searchText = new Map<number, string>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async onModuleInit(): Promise<void> {
    const all = await this.db.getRepository(DisciplineEntity).find({ order: { position: 'ASC' } });
    this.byId = new Map(all.map((d) => [d.id, d]));
    this.bySlug = new Map(all.map((d) => [d.slug, d]));
    this.childrenOf = new Map();
    for (const d of all) {
      if (d.parentId !== null) this.childrenOf.set(d.parentId, [...(this.childrenOf.get(d.parentId) ?? []), d]);
    }
    // Roots first, then children, each in taxonomy order.
    this.ordered = [...all.filter((d) => d.parentId === null), ...all.filter((d) => d.parentId !== null)];
    this.searchText = new Map(all.map((d) => [d.id, [d.nameNl, d.nameEn, d.slug].map(normalizeForSearch).join('|')]));
  }

  all(): DisciplineEntity[] {
    return this.ordered;
  }

  /**
   * Disciplines whose Dutch or English name or slug contains `search`, ignoring case, accents
   * and punctuation ("energie" finds "Lokale energie", "resident managed" finds
   * "Resident-managed public space"), in the order of all(). A search of punctuation alone finds all.
   */
  search(search: string): DisciplineEntity[] {
    if (search.length > MAX_SEARCH_LENGTH) {
      throw new InvalidInput(`search must be at most ${MAX_SEARCH_LENGTH} characters`, { field: 'search' });
    }
    const needle = normalizeForSearch(search);
    if (!needle) return this.ordered;
    return this.ordered.filter((d) => this.searchText.get(d.id)!.includes(needle));
  }

  get(id: number): DisciplineEntity {
    const found = this.byId.get(id);
    if (!found) throw new Error(`Discipline ${id} is not in the taxonomy cache`);
    return found;
  }

  parent(d: DisciplineEntity): DisciplineEntity | null {
    return d.parentId === null ? null : this.get(d.parentId);
  }

  children(d: DisciplineEntity): DisciplineEntity[] {
    return this.childrenOf.get(d.id) ?? [];
  }

  /** The id of each slug, in order; BAD_USER_INPUT naming the first unknown slug. */
  requireIds(slugs: readonly string[]): number[] {
    return slugs.map((slug) => {
      const found = this.bySlug.get(slug);
      if (!found) throw new UnknownDiscipline(slug);
      return found.id;
    });
  }

  /** The discipline and all its descendants. */
  withDescendants(id: number): number[] {
    const ids = [id];
    for (const child of this.childrenOf.get(id) ?? []) ids.push(...this.withDescendants(child.id));
    return ids;
  }

  name(d: DisciplineEntity, locale: Locale | string): string {
    return locale === 'en' ? d.nameEn : d.nameNl;
  }
}

const MAX_SEARCH_LENGTH = 100;

/** Lower case without accents, every run of other characters than letters and digits one space: "Zorg & Wélzijn" → "zorg welzijn". */
function normalizeForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
