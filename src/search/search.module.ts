import { Module } from '@nestjs/common';
import { SearchResolver } from './search.resolver.js';
import { ExpertIndexSync } from './expert-index.sync.js';
import { SearchService } from './search.service.js';
import { TeamService } from './team.service.js';

@Module({ providers: [ExpertIndexSync, SearchService, TeamService, SearchResolver] })
export class SearchModule {}
