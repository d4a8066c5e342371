// How place names are compared: case, accents, punctuation and CBS disambiguation
// suffixes do not matter. "'s-Hertogenbosch" → "s hertogenbosch", "Middelburg (Z.)" →
// "middelburg", "Súdwest-Fryslân" → "sudwest fryslan".
export function normalizePlaceName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s*\([^)]*\)\s*$/u, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The text stored for search: every name a municipality is known by, normalized, joined by "|". */
export function searchNames(officialName: string, aliases: readonly string[]): string {
  const names = new Set([officialName, ...aliases].map(normalizePlaceName));
  return [...names].join('|');
}
