import { Injectable } from '@nestjs/common';
import type { GraphQLContext } from '../graphql/graphql-context.js';
import { LoadersFactory } from '../graphql/loaders.js';
import { AuthService } from './auth.service.js';

type RawRequest = GraphQLContext['req'];

/** Builds the per-request GraphQL context: the caller and fresh DataLoaders. */
@Injectable()
export class GraphQLContextFactory {
  constructor(
    private readonly auth: AuthService,
    private readonly loaders: LoadersFactory,
  ) {}

  async create(req: RawRequest, res: GraphQLContext['res']): Promise<GraphQLContext> {
    const header = req.headers.authorization;
    const bearer = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : null;
    return {
      req,
      res,
      viewer: bearer ? await this.auth.viewerFromToken(bearer) : null,
      loaders: this.loaders.create(),
    };
  }
}
