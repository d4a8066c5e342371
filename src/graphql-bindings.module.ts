import { Global, Injectable, Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module.js';
import { AuthService } from './auth/auth.service.js';
import { type Loaders, LoadersFactory } from './graphql/loaders.js';
import { ViewerLookup } from './graphql/viewer.js';
import { initiativeLoaders } from './initiatives/initiative.loaders.js';
import { InitiativesModule } from './initiatives/initiatives.module.js';
import { InitiativesService } from './initiatives/initiatives.service.js';
import { professionalLoaders } from './professionals/professional.loaders.js';
import { ProfessionalsModule } from './professionals/professionals.module.js';
import { ProfessionalsService } from './professionals/professionals.service.js';

/** The one factory of a request's DataLoaders: every feature's, each fetching through its owner. */
@Injectable()
export class RequestLoadersFactory extends LoadersFactory {
  constructor(
    private readonly professionals: ProfessionalsService,
    private readonly initiatives: InitiativesService,
  ) {
    super();
  }

  create(): Loaders {
    return { ...professionalLoaders(this.professionals), ...initiativeLoaders(this.initiatives) };
  }
}

/**
 * What the GraphQL platform (graphql/) needs from the features, bound here at the app level so
 * that graphql/ imports none: who the caller is (auth) and the request's DataLoaders.
 */
@Global()
@Module({
  imports: [AuthModule, ProfessionalsModule, InitiativesModule],
  providers: [
    { provide: ViewerLookup, useExisting: AuthService },
    { provide: LoadersFactory, useClass: RequestLoadersFactory },
  ],
  exports: [ViewerLookup, LoadersFactory],
})
export class GraphQLBindingsModule {}
