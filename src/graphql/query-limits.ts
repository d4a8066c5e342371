// Limits that reject abusive queries while they are parsed and validated, before any
// resolver (and so any database work) runs. Sized for the contract: the deepest useful
// query (initiatives → edges → node → initiators → initiatives → needs → discipline →
// parent → name) is 9 levels.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { QUERY_TOO_COMPLEX_MARKER } from './graphql-errors.js';

export const QUERY_LIMITS = {
  maxDepth: 12,
  maxCost: 5_000,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2_000,
} as const;

export function queryLimits(): ReturnType<ApolloArmor['protect']> {
  const message = (what: string): string => `${QUERY_TOO_COMPLEX_MARKER}: ${what}`;
  return new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, exposeLimits: false, errorMessage: message(`deeper than ${QUERY_LIMITS.maxDepth} levels`) },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, exposeLimits: false, errorMessage: message(`costs more than ${QUERY_LIMITS.maxCost}`) },
    maxAliases: { n: QUERY_LIMITS.maxAliases, exposeLimits: false, errorMessage: message(`more than ${QUERY_LIMITS.maxAliases} aliases`) },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, exposeLimits: false, errorMessage: message(`more than ${QUERY_LIMITS.maxDirectives} directives`) },
    maxTokens: { n: QUERY_LIMITS.maxTokens, exposeLimits: false, errorMessage: message(`more than ${QUERY_LIMITS.maxTokens} tokens`) },
    blockFieldSuggestion: { enabled: false },
  }).protect();
}
