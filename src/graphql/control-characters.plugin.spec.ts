import { ApolloServer } from '@apollo/server';
import { describe, expect, it } from '@jest/globals';
import { formatError } from './graphql-errors.js';
import { controlCharactersPlugin } from './control-characters.plugin.js';

/** A real Apollo Server with the plugin; `calls` counts the resolver's runs. */
function server(): { apollo: ApolloServer; calls: { echo: number } } {
  const calls = { echo: 0 };
  const apollo = new ApolloServer({
    typeDefs: `#graphql
      input Filter { text: String tags: [String!] }
      type Query { echo(text: String, filter: Filter): String }`,
    resolvers: {
      Query: {
        echo: (_: unknown, args: { text?: string; filter?: { text?: string } }) => {
          calls.echo++;
          return args.text ?? args.filter?.text ?? null;
        },
      },
    },
    formatError,
    plugins: [controlCharactersPlugin()],
  });
  return { apollo, calls };
}

const answer = async (apollo: ApolloServer, query: string, variables?: Record<string, unknown>) => {
  const response = await apollo.executeOperation({ query, variables });
  return { status: response.http.status, body: response.body.kind === 'single' ? response.body.singleResult : null };
};

describe('controlCharactersPlugin', () => {
  it('refuses a NUL in a string literal with 400 and BAD_USER_INPUT, before any resolver runs', async () => {
    const { apollo, calls } = server();
    expect(await answer(apollo, '{ echo(text: "a\\u0000b") }')).toEqual({
      status: 400,
      body: { errors: [{ message: 'the string at 1:14: must not contain control characters', extensions: { code: 'BAD_USER_INPUT' } }] },
    });
    expect(calls.echo).toBe(0);
  });

  it('names the variable, however deep, and walks nesting deeper than the call stack', async () => {
    const { apollo, calls } = server();
    const query = 'query($f: Filter) { echo(filter: $f) }';
    expect(await answer(apollo, query, { f: { tags: ['ok', 'b\u001b'] } })).toEqual({
      status: 400,
      body: { errors: [{ message: 'variables.f.tags[1]: must not contain control characters', extensions: { code: 'BAD_USER_INPUT', field: 'variables.f.tags[1]' } }] },
    });
    let deep: unknown = 'x\u007f';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect((await answer(apollo, query, { unused: deep })).body?.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: `variables.unused${'[0]'.repeat(200_000)}` });
    expect(calls.echo).toBe(0);
  });

  it('lets tabs and line breaks through', async () => {
    const { apollo } = server();
    expect(await answer(apollo, 'query($t: String) { echo(text: $t) }', { t: 'a\tb\r\nc' })).toEqual({ status: undefined, body: { data: { echo: 'a\tb\r\nc' } } });
  });

  it('lets a typed backslash before b or f through, and finds each control character the quick check stands for', async () => {
    const { apollo } = server();
    const query = 'query($t: String) { echo(text: $t) }';
    expect(await answer(apollo, query, { t: 'C:\\bin\\f' })).toEqual({ status: undefined, body: { data: { echo: 'C:\\bin\\f' } } });
    for (const code of [0, 8, 11, 12, 14, 31, 127]) {
      expect((await answer(apollo, query, { t: `a${String.fromCharCode(code)}` })).status).toBe(400);
    }
  });

  it('checks the literals of a repeated document as the first time', async () => {
    const { apollo } = server();
    for (let i = 0; i < 3; i++) expect((await answer(apollo, '{ echo(text: "a\\u0001") }')).status).toBe(400);
    for (let i = 0; i < 3; i++) expect((await answer(apollo, '{ echo(text: "fine") }')).body).toEqual({ data: { echo: 'fine' } });
  });
});
