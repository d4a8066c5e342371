// How far apart two places are, and what that distance is worth. Plain TypeScript (no Nest,
// TypeORM or database imports): expertise search, team suggestion and the matching engine
// all measure distance and proximity here, so the three agree to the last bit.

const EARTH_RADIUS_KM = 6371;

/**
 * Great-circle distance (haversine) between two points given in degrees, km. Example: the
 * centroids of Amsterdam (52.38096, 4.87970) and Rotterdam (51.91400, 4.47980) lie 58.66 km apart.
 */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
}

/**
 * What a distance is worth, in (0, 1]: P = 1 / (1 + d / half), 1 at 0 km and 0.5 at `halfKm`,
 * falling ever more slowly beyond it. Worked example with half = 25 km: 12.5 km gives
 * 1 / (1 + 0.5) = 0.667, 25 km gives 0.5, 100 km gives 1 / (1 + 4) = 0.2. Callers decide what
 * an unknown distance is worth (UNKNOWN_PROXIMITY for all of them today).
 */
export function proximity(distanceKm: number, halfKm: number): number {
  return 1 / (1 + distanceKm / halfKm);
}

/** The proximity of an unknown distance: as much as a distance of half. */
export const UNKNOWN_PROXIMITY = 0.5;
