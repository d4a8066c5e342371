import { Injectable } from '@nestjs/common';
import type { GraphQLContext } from './graphql-context.js';
import { LoadersFactory } from './loaders.js';
import { ViewerLookup } from './viewer.js';

type RawRequest = GraphQLContext['req'];

/** Builds the per-request GraphQL context: the caller and fresh DataLoaders. */
@Injectable()
export class GraphQLContextFactory {
  constructor(
    private readonly viewers: ViewerLookup,
    private readonly loaders: LoadersFactory,
  ) {}

  async create(req: RawRequest, res: GraphQLContext['res']): Promise<GraphQLContext> {
    const header = req.headers.authorization;
    const bearer = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : null;
    return {
      req,
      res,
      viewer: bearer ? await this.viewers.viewerFromToken(bearer) : null,
      loaders: this.loaders.create(),
    };
  }
}
