import { describe, expect, it } from '@jest/globals';
import { graphql, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { wholeForCaller, withAnonymousVisibility } from './anonymous-visibility.js';

// The extensions @PrivateByDefault() and @VisibleToAnonymous() put on the schema.
function schema(person: () => Record<string, unknown>): GraphQLSchema {
  const Person = new GraphQLObjectType({
    name: 'Person',
    extensions: { privateByDefault: true },
    fields: {
      name: { type: new GraphQLNonNull(GraphQLString), extensions: { visibleToAnonymous: true } },
      bio: { type: GraphQLString },
      tags: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLString))), resolve: () => ['a'] },
      age: { type: new GraphQLNonNull(GraphQLInt) },
    },
  });
  return withAnonymousVisibility(new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { person: { type: Person, resolve: person } } }) }));
}

const anna = (): Record<string, unknown> => ({ name: 'Anna', bio: 'Bio', age: 40 });
const run = (s: GraphQLSchema, source: string, viewer: object | null) => graphql({ schema: s, source, contextValue: { viewer } });

describe('withAnonymousVisibility', () => {
  it('answers anonymous callers null or an empty list for every unmarked field, and the whole to a signed-in one', async () => {
    const s = schema(anna);
    expect(await run(s, '{ person { name bio tags } }', null)).toEqual({ data: { person: { name: 'Anna', bio: null, tags: [] } } });
    expect(await run(s, '{ person { name bio tags age } }', { accountId: 'x' })).toEqual({ data: { person: { name: 'Anna', bio: 'Bio', tags: ['a'], age: 40 } } });
  });

  it('answers UNAUTHENTICATED where the field can be neither null nor empty', async () => {
    const result = await run(schema(anna), '{ person { age } }', null);
    expect(result.errors?.map((e) => [e.message, e.path])).toEqual([['Sign in to see this', ['person', 'age']]]);
  });

  it('shows a value marked wholeForCaller whole, also without a viewer', async () => {
    expect(await run(schema(() => wholeForCaller(anna())), '{ person { bio tags } }', null)).toEqual({ data: { person: { bio: 'Bio', tags: ['a'] } } });
  });
});
