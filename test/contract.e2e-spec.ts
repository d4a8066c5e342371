// The public API must contain the contract (docs/api-contract.graphql, a copy of
// ../shared/docs/api-contract.graphql), and the committed schema.graphql must be what the
// server serves. Refresh it with `npm run schema`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  buildClientSchema,
  buildSchema,
  findBreakingChanges,
  getIntrospectionQuery,
  type GraphQLSchema,
  type IntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { projectRoot } from '../src/database/reference-data.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const SCHEMA_FILE = join(projectRoot(), 'schema.graphql');
const print = (schema: GraphQLSchema): string => printSchema(lexicographicSortSchema(schema)) + '\n';

describe('GraphQL contract', () => {
  let t: TestApp;
  let served: GraphQLSchema;

  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.gql<IntrospectionQuery>(getIntrospectionQuery({ descriptions: true }));
    served = buildClientSchema(res.data!);
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, print(served));
  });
  afterAll(() => t?.close());

  it('breaks nothing of the contract', () => {
    const contract = buildSchema(readFileSync(join(projectRoot(), 'docs', 'api-contract.graphql'), 'utf8'));
    expect(findBreakingChanges(contract, served)).toEqual([]);
  });

  it('matches the committed schema.graphql (run `npm run schema` after changing the API)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(print(served));
  });

  it('has no email field on any type other people can read', () => {
    const fields = Object.values(served.getTypeMap())
      .filter((type) => 'getFields' in type && !type.name.startsWith('__') && !['Query', 'Mutation'].includes(type.name))
      .filter((type) => !type.name.endsWith('Input'))
      .flatMap((type) => Object.keys((type as { getFields(): object }).getFields()).map((f) => `${type.name}.${f}`))
      .filter((field) => /email$/i.test(field));
    // Me.email is the caller's own; counterpartEmail is filled only after a double opt-in.
    expect(fields.sort()).toEqual(['Introduction.counterpartEmail', 'Me.email']);
  });
});
