import { describe, expect, it } from '@jest/globals';
import { graphql, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { withoutPassThroughResolvers } from './plain-fields.js';

describe('withoutPassThroughResolvers', () => {
  it("removes only @nestjs/graphql's pass-through resolvers, and the fields still answer", async () => {
    // The shape @nestjs/graphql gives every code-first field (object-type-definition.factory.js).
    const rootFieldResolver = (root: Record<string, unknown>): unknown => root.name;
    const shout = (root: Record<string, unknown>): string => String(root.name).toUpperCase();
    const Person = new GraphQLObjectType({
      name: 'Person',
      fields: { name: { type: GraphQLString, resolve: rootFieldResolver }, loud: { type: GraphQLString, resolve: shout } },
    });
    const schema = withoutPassThroughResolvers(
      new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { me: { type: Person, resolve: () => ({ name: 'Anna' }) } } }) }),
    );
    const fields = Person.getFields();
    expect(fields.name.resolve).toBeUndefined();
    expect(fields.loud.resolve).toBe(shout);
    expect(await graphql({ schema, source: '{ me { name loud } }' })).toEqual({ data: { me: { name: 'Anna', loud: 'ANNA' } } });
  });
});
