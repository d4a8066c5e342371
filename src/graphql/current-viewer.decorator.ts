import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Viewer } from './viewer.js';
import type { GraphQLContext } from './graphql-context.js';

/** The signed-in caller, or null. AccessGuard has already rejected anonymous callers where needed. */
export const CurrentViewer = createParamDecorator((_: unknown, context: ExecutionContext): Viewer | null =>
  GqlExecutionContext.create(context).getContext<GraphQLContext>().viewer,
);

/** For operations that need a sign-in: the caller, never null (AccessGuard ran first). */
export const SignedIn = createParamDecorator((_: unknown, context: ExecutionContext): Viewer => {
  const viewer = GqlExecutionContext.create(context).getContext<GraphQLContext>().viewer;
  if (!viewer) throw new Error('SignedIn used on an operation that AccessGuard lets anonymous callers reach');
  return viewer;
});
