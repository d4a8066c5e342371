// What anonymous callers see of a type whose details are for signed-in users only (a
// person, reached anonymously as an initiator in the public knowledge bank). Such a type is
// marked @PrivateByDefault(); only its fields marked @VisibleToAnonymous() answer anonymous
// callers, so a field added later is private until someone decides otherwise. A hidden field
// answers null, or an empty list where the contract does not allow null, without running its
// resolver; a non-null field of another kind would answer UNAUTHENTICATED. The API contract
// keeps every field, so hiding is by value, not by a separate public type.
import { Extensions } from '@nestjs/graphql';
import {
  defaultFieldResolver,
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  type GraphQLSchema,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { NotAuthenticated } from '../common/domain-error.js';
import type { GraphQLContext } from './graphql-context.js';

const PRIVATE_BY_DEFAULT = 'privateByDefault';
const VISIBLE_TO_ANONYMOUS = 'visibleToAnonymous';

/** On an @ObjectType: anonymous callers see only the fields marked @VisibleToAnonymous(). */
export const PrivateByDefault = (): ClassDecorator => Extensions({ [PRIVATE_BY_DEFAULT]: true }) as ClassDecorator;

/** On a @Field or @ResolveField of a @PrivateByDefault() type: anonymous callers see it too. */
export const VisibleToAnonymous = (): PropertyDecorator & MethodDecorator =>
  Extensions({ [VISIBLE_TO_ANONYMOUS]: true }) as PropertyDecorator & MethodDecorator;

const exempt = new WeakSet<object>();

/**
 * Exempts one value from the rule: the caller's own profile in the answer of signIn, a
 * request that proves who the caller is but began without a viewer.
 */
export function wholeForCaller<T extends object>(value: T): T {
  exempt.add(value);
  return value;
}

function hiddenValue(type: GraphQLOutputType): () => unknown {
  if (!isNonNullType(type)) return () => null;
  if (isListType(type.ofType)) return () => [];
  return () => {
    throw new NotAuthenticated('Sign in to see this');
  };
}

/** Applies the marks above to the schema's resolvers (a transformSchema step). */
export function withAnonymousVisibility(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.extensions[PRIVATE_BY_DEFAULT] !== true) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.extensions[VISIBLE_TO_ANONYMOUS] === true) continue;
      const resolve: GraphQLFieldResolver<unknown, GraphQLContext> = field.resolve ?? defaultFieldResolver;
      const hidden = hiddenValue(field.type);
      field.resolve = (source, args, context: GraphQLContext, info) =>
        context.viewer || exempt.has(source as object) ? resolve(source, args, context, info) : hidden();
    }
  }
  return schema;
}
