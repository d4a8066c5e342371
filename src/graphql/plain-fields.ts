import { type GraphQLSchema, isInterfaceType, isObjectType } from 'graphql';

/**
 * @nestjs/graphql gives every code-first output field a resolver that only reads the property
 * of the same name (`rootFieldResolver`, which would return the field's `defaultValue` when the
 * property is undefined; no output field here has one). graphql-jit compiles a field without a
 * resolver to a plain property read, but calls a resolver, with a resolve-info object and a check
 * for a promise, for every field that has one: about 200 calls for a page of 20 search results
 * (BENCHMARKS.md, issue #3). This takes those pass-through resolvers off the schema; the fields
 * then resolve as GraphQL's default resolver does, which reads the same property.
 */
export function withoutPassThroughResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve?.name === 'rootFieldResolver') field.resolve = undefined;
    }
  }
  return schema;
}
