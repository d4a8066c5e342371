import { Module } from '@nestjs/common';
import { GraphQLContextFactory } from './graphql-context.factory.js';

/** ViewerLookup and LoadersFactory come from the app (graphql-bindings.module.ts): graphql/ knows no feature. */
@Module({ providers: [GraphQLContextFactory], exports: [GraphQLContextFactory] })
export class GraphQLCoreModule {}
