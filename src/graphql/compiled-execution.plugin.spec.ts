import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { type CompiledExecutionCounts, compiledExecutionPlugin } from './compiled-execution.plugin.js';

const typeDefs = `#graphql
  enum Level { BASIC EXPERT }
  type Person { id: ID! name: String! level: Level! friends: [Person!]! nickname: String }
  type Query { people(first: Int!): [Person!]! person(id: ID!): Person }
  type Mutation { rename(id: ID!, name: String!): Person! }
`;

/** A real Apollo Server with the plugin; `calls` counts how often each root resolver ran. */
function server(): { apollo: ApolloServer; counts: CompiledExecutionCounts; calls: Record<string, number> } {
  const people = [
    { id: '1', name: 'Anna', level: 'EXPERT', nickname: null },
    { id: '2', name: 'Bert', level: 'BASIC', nickname: 'B' },
  ];
  const calls: Record<string, number> = { people: 0, person: 0, rename: 0 };
  const counts = { compiled: 0, redone: 0 };
  const apollo = new ApolloServer({
    typeDefs,
    resolvers: {
      Query: {
        people: (_: unknown, { first }: { first: number }) => {
          calls.people++;
          return people.slice(0, first);
        },
        person: async (_: unknown, { id }: { id: string }) => {
          calls.person++;
          const found = people.find((p) => p.id === id);
          if (!found) throw new GraphQLError(`No person ${id}`, { extensions: { code: 'NOT_FOUND' } });
          return found;
        },
      },
      Mutation: {
        rename: (_: unknown, { id, name }: { id: string; name: string }) => {
          calls.rename++;
          return { ...people.find((p) => p.id === id)!, name };
        },
      },
      Person: { friends: (p: { id: string }) => people.filter((o) => o.id !== p.id) },
    },
    plugins: [compiledExecutionPlugin(counts)],
  });
  return { apollo, counts, calls };
}

const single = (response: Awaited<ReturnType<ApolloServer['executeOperation']>>): unknown =>
  response.body.kind === 'single' ? response.body.singleResult : response.body;

describe('compiledExecutionPlugin', () => {
  it('runs a query on graphql-js the first time and compiled afterwards, with the same answer', async () => {
    const { apollo, counts, calls } = server();
    const query = 'query People($n: Int!) { people(first: $n) { id name level nickname friends { name } } }';
    const answers = [];
    for (const n of [2, 2, 1, 2]) answers.push(single(await apollo.executeOperation({ query, variables: { n } })));
    expect(answers[0]).toEqual({
      data: {
        people: [
          { id: '1', name: 'Anna', level: 'EXPERT', nickname: null, friends: [{ name: 'Bert' }] },
          { id: '2', name: 'Bert', level: 'BASIC', nickname: 'B', friends: [{ name: 'Anna' }] },
        ],
      },
    });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[3]).toEqual(answers[0]);
    expect(answers[2]).toEqual({ data: { people: [(answers[0] as { data: { people: unknown[] } }).data.people[0]] } });
    expect(counts).toEqual({ compiled: 3, redone: 0 });
    expect(calls.people).toBe(4);
  });

  it('lets graphql-js answer again when the compiled answer has errors, so errors go through Apollo as before', async () => {
    const { apollo, counts, calls } = server();
    const query = 'query One($id: ID!) { person(id: $id) { name } }';
    const first = single(await apollo.executeOperation({ query, variables: { id: '9' } }));
    const second = single(await apollo.executeOperation({ query, variables: { id: '9' } }));
    expect(first).toMatchObject({ data: { person: null }, errors: [{ message: 'No person 9', path: ['person'], extensions: { code: 'NOT_FOUND' } }] });
    expect(second).toEqual(first);
    expect(counts).toEqual({ compiled: 0, redone: 1 });
    expect(calls.person).toBe(3); // once, then compiled and again on graphql-js
    expect(single(await apollo.executeOperation({ query, variables: { id: '1' } }))).toEqual({ data: { person: { name: 'Anna' } } });
    expect(counts).toEqual({ compiled: 1, redone: 1 });
  });

  it('reports invalid variables as graphql-js does', async () => {
    const { apollo } = server();
    const query = 'query People($n: Int!) { people(first: $n) { id } }';
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await apollo.executeOperation({ query, variables: { n: 'many' } }));
    for (const answer of answers) {
      expect(answer.http.status).toBe(400);
      expect(single(answer)).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
    }
    expect(single(answers[2])).toEqual(single(answers[0]));
  });

  it('never runs a mutation compiled, so a mutation never runs twice', async () => {
    const { apollo, counts, calls } = server();
    const mutation = 'mutation { rename(id: "1", name: "Ann") { name } }';
    for (let i = 0; i < 3; i++) expect(single(await apollo.executeOperation({ query: mutation }))).toEqual({ data: { rename: { name: 'Ann' } } });
    expect(calls.rename).toBe(3);
    expect(counts).toEqual({ compiled: 0, redone: 0 });
  });

  it.each([
    ['an operationName the document lacks', { query: 'query A { people(first: 1) { id } }', operationName: 'Z' }, 'Unknown operation named "Z".'],
    ['several operations and no operationName', { query: 'query A { people(first: 1) { id } } query B { people(first: 2) { id } }' }, 'Must provide operation name if query contains multiple operations.'],
  ])('answers %s with a 400 from graphql-js, every time', async (_, request, message) => {
    const { apollo, calls } = server();
    for (let i = 0; i < 3; i++) {
      const answer = await apollo.executeOperation(request);
      expect(answer.http.status).toBe(400);
      expect(single(answer)).toEqual({ errors: [{ message, extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }] });
    }
    expect(calls.people).toBe(0);
  });

  it('compiles each operation of a document on its own', async () => {
    const { apollo, counts } = server();
    const query = 'query A { people(first: 1) { name } } query B { people(first: 2) { id } }';
    for (let i = 0; i < 2; i++) {
      expect(single(await apollo.executeOperation({ query, operationName: 'A' }))).toEqual({ data: { people: [{ name: 'Anna' }] } });
      expect(single(await apollo.executeOperation({ query, operationName: 'B' }))).toEqual({ data: { people: [{ id: '1' }, { id: '2' }] } });
    }
    expect(counts).toEqual({ compiled: 2, redone: 0 });
  });
});
