// Request-scoped DataLoaders for every relation a list can fan out to: a page of
// initiatives with initiators, themes and needs costs one query per relation, not per row.
// graphql/ knows no feature: each feature declares its loaders by augmenting Loaders
// (professionals/professional.loaders.ts, initiatives/initiative.loaders.ts) and fetches
// through its own service; one factory at the app level (src/graphql-bindings.module.ts) makes
// them all for each request.
import type { DataSource } from 'typeorm';

/** The request's DataLoaders, by name; the features add their members. */
// An interface, empty here, is what declaration merging needs.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Loaders {}

/** Makes a fresh set of Loaders per request (the injection token; the app provides it). */
export abstract class LoadersFactory {
  abstract create(): Loaders;
}

export function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k) ?? []);
}

/**
 * Entities reached through a link table, grouped by the id they were asked for. The SQL
 * selects the asking id as `owner` and then the entity's columns; one entity may belong to
 * several owners (a person who initiated two initiatives of the page).
 */
export async function linked<T extends object>(
  db: DataSource,
  ids: readonly string[],
  entity: new () => T,
  sql: string,
): Promise<T[][]> {
  const rows: ({ owner: string } & Record<string, unknown>)[] = await db.query(sql, [ids]);
  const metadata = db.getMetadata(entity);
  const pairs = rows.map(({ owner, ...columns }) => {
    const instance = db.manager.create(entity);
    for (const column of metadata.columns) {
      (instance as Record<string, unknown>)[column.propertyName] = db.driver.prepareHydratedValue(columns[column.databaseName], column);
    }
    return { owner, instance };
  });
  return groupBy(ids, pairs, (p) => p.owner).map((group) => group.map((p) => p.instance));
}

export function byId<T extends { id: string }>(keys: readonly string[], rows: T[]): (T | null)[] {
  const found = new Map(rows.map((r) => [r.id, r]));
  return keys.map((k) => found.get(k) ?? null);
}
