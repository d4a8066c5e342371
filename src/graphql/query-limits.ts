// Limits that reject abusive queries while they are parsed and validated, before any
// resolver (and so any database work) runs. Sized for the contract: the deepest useful
// query (initiatives → edges → node → initiators → initiatives → needs → discipline →
// parent → name) is 9 levels.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ParseOptions } from 'graphql';
import { QUERY_TOO_COMPLEX_MARKER } from './graphql-errors.js';

export const QUERY_LIMITS = {
  maxDepth: 12,
  maxCost: 5_000,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2_000,
} as const;

export interface QueryLimits extends ReturnType<ApolloArmor['protect']> {
  /** For Apollo's `parseOptions`. */
  parseOptions: ParseOptions;
}

export function queryLimits(): QueryLimits {
  const message = (what: string): string => `${QUERY_TOO_COMPLEX_MARKER}: ${what}`;
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, exposeLimits: false, errorMessage: message(`deeper than ${QUERY_LIMITS.maxDepth} levels`) },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, exposeLimits: false, errorMessage: message(`costs more than ${QUERY_LIMITS.maxCost}`) },
    maxAliases: { n: QUERY_LIMITS.maxAliases, exposeLimits: false, errorMessage: message(`more than ${QUERY_LIMITS.maxAliases} aliases`) },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, exposeLimits: false, errorMessage: message(`more than ${QUERY_LIMITS.maxDirectives} directives`) },
    // graphql-armor's token limit parses the document a second time in Apollo's parsingDidStart
    // hook, where a thrown error is not a parse error but an unexpected one: every syntax error
    // and every breach became HTTP 500. graphql-js counts tokens in Apollo's own parse instead
    // (below), which answers a breach as a parse error (400); formatError names it.
    maxTokens: { enabled: false },
    // Apollo's hideSchemaDetailsFromClientErrors removes suggestions where that is wanted
    // (graphql-api.module.ts).
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { ...armor, parseOptions: { maxLexicalTokens: QUERY_LIMITS.maxTokens } };
}
