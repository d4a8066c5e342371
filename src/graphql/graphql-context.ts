import type { Viewer } from './viewer.js';
import type { Loaders } from './loaders.js';

/** Where the API serves GraphQL (Apollo's default path). */
export const GRAPHQL_PATH = '/graphql';

export interface GraphQLContext {
  viewer: Viewer | null;
  loaders: Loaders;
  /** The HTTP request, for the throttler and logging. */
  req: { ip?: string; headers: Record<string, string | string[] | undefined> };
  /** The HTTP response (Express) or reply (Fastify): the throttler sets headers on it. */
  res: { header(name: string, value: string | number): unknown };
}
