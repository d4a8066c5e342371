// Typed GraphQL documents: gql.tada reads the API's own schema (schema.graphql, emitted by the
// server and checked against the contract), so a query that does not fit the API fails `tsc`.
// src/graphql-env.d.ts is generated from it by `npm run build:web` (gql.tada generate output).
import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
