import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { GraphQLContextFactory } from '../auth/graphql-context.factory.js';
import { LoadersFactory } from './loaders.js';

@Module({ imports: [AuthModule], providers: [LoadersFactory, GraphQLContextFactory], exports: [GraphQLContextFactory] })
export class GraphQLCoreModule {}
