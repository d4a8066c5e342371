// A person as the index load query (expert-index.sync.ts) returns them, and how it becomes an
// ExpertDoc. Plain TypeScript: the search index thread parses the rows itself, so the API's event
// loop copies strings to it rather than millions of small objects.
import { type ExpertiseLevel, LEVEL_RANK } from '../common/enums.js';
import type { ExpertDoc, LexemeWeight } from './expert-index.js';

/** An ExpertDoc as the load query returns it: offers and lexemes still as "a:b" strings. */
export type DocRow = Omit<ExpertDoc, 'offers' | 'lexemes'> & { offers: string[]; lexemes: string[] };

export function toDoc({ offers, lexemes, ...doc }: DocRow): ExpertDoc {
  return {
    ...doc,
    offers: offers.map((o) => {
      const [id, level] = o.split(':');
      return { disciplineId: Number(id), levelRank: LEVEL_RANK[level as ExpertiseLevel] };
    }),
    lexemes: lexemes.map((l) => {
      const at = l.lastIndexOf(':');
      // weights lists the lexeme's weights (e.g. "AC"); the first is the best.
      return { lexeme: l.slice(0, at), weight: (l.slice(at + 1, at + 2) || 'D') as LexemeWeight };
    }),
  };
}
