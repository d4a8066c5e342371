import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AccessGuard } from './access/access.guard.js';
import { GraphQLContextFactory } from './graphql-context.factory.js';
import { AppConfig } from '../config/runtime-config.js';
import type { GraphQLContext } from './graphql-context.js';
import { GraphQLCoreModule } from './graphql-core.module.js';
import { compiledExecutionPlugin } from './compiled-execution.plugin.js';
import { controlCharactersPlugin } from './control-characters.plugin.js';
import { formatError, withoutSuggestions } from './graphql-errors.js';
import { withoutPassThroughResolvers } from './plain-fields.js';
import { withAnonymousVisibility } from './anonymous-visibility.js';
import { GraphQLExceptionFilter } from './graphql-exception.filter.js';
import { queryLimits } from './query-limits.js';
import { validationPipe } from './validation.pipe.js';

type RawReq = GraphQLContext['req'];
type RawRes = GraphQLContext['res'];

@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [GraphQLCoreModule],
      inject: [GraphQLContextFactory, AppConfig],
      useFactory: (contexts: GraphQLContextFactory, config: AppConfig) => {
        const limits = queryLimits();
        return {
          // Built in memory; the committed schema.graphql is written by `npm run schema`, and
          // test/contract.e2e-spec.ts fails when it is stale.
          autoSchemaFile: true,
          sortSchema: true,
          transformSchema: (schema) => withAnonymousVisibility(withoutPassThroughResolvers(schema)),
          // The driver's GraphiQL loads from a CDN; GraphiQLModule serves one from the app's own files.
          graphiql: false,
          introspection: config.graphqlIntrospection,
          // No "Did you mean …?" hints in production (also withoutSuggestions below): they
          // disclose schema details, also with introspection off.
          hideSchemaDetailsFromClientErrors: config.isProduction,
          includeStacktraceInErrorResponses: false,
          allowBatchedHttpRequests: false,
          formatError: config.isProduction ? (formatted, error) => withoutSuggestions(formatError(formatted, error)) : formatError,
          // graphql-armor is typed against Apollo's CommonJS build; the plugins are the same objects.
          // No HTTP caching of GraphQL answers here, so Apollo's per-field cache-control hook is pure cost.
          plugins: [
            ...(limits.plugins as NonNullable<ApolloDriverConfig['plugins']>),
            ApolloServerPluginCacheControlDisabled(),
            controlCharactersPlugin<GraphQLContext>(),
            ...(config.graphqlJit ? [compiledExecutionPlugin<GraphQLContext>()] : []),
          ],
          validationRules: limits.validationRules,
          parseOptions: limits.parseOptions,
          // Express passes ({ req, res }); Fastify passes (request, reply).
          context: (first: { req?: RawReq; res?: RawRes } | RawReq, reply?: RawRes) =>
            'req' in first && first.req ? contexts.create(first.req, first.res!) : contexts.create(first as RawReq, reply!),
        };
      },
    }),
  ],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_PIPE, useFactory: validationPipe },
    { provide: APP_FILTER, useClass: GraphQLExceptionFilter },
  ],
})
export class GraphQLApiModule {}
