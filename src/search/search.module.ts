import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { InitiativesModule } from '../initiatives/initiatives.module.js';
import { SearchResolver } from './search.resolver.js';
import { ExpertIndexSync } from './expert-index.sync.js';
import { SearchService } from './search.service.js';
import { TeamService } from './team.service.js';

@Module({ imports: [AuthModule, InitiativesModule], providers: [ExpertIndexSync, SearchService, TeamService, SearchResolver] })
export class SearchModule {}
