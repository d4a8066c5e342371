import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { AppConfig } from '../../config/runtime-config.js';
import { GRAPHQL_PATH } from '../graphql-context.js';
import { GRAPHIQL_ASSETS_PATH, GraphiQLMiddleware } from './graphiql.middleware.js';

/**
 * GraphiQL outside production, from the app's own files. It replaces the driver's page, which loads
 * React and GraphiQL from a CDN (and so shows "Loading..." for ever offline); the driver's own is off.
 */
@Module({ providers: [GraphiQLMiddleware] })
export class GraphiQLModule implements NestModule {
  constructor(private readonly config: AppConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    if (this.config.isProduction) return;
    consumer
      .apply(GraphiQLMiddleware)
      .forRoutes({ path: GRAPHQL_PATH, method: RequestMethod.GET }, { path: `${GRAPHIQL_ASSETS_PATH}/{*file}`, method: RequestMethod.GET });
  }
}
