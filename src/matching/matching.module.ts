import { Module } from '@nestjs/common';
import { MatchInputLoader } from './match-input.loader.js';
import { MatchingResolver } from './matching.resolver.js';
import { MatchPreviewService } from './preview/match-preview.service.js';
import { MatchRulesResolver } from './rules/match-rules.resolver.js';
import { MatchRulesService } from './rules/match-rules.service.js';

@Module({ providers: [MatchRulesService, MatchInputLoader, MatchPreviewService, MatchRulesResolver, MatchingResolver] })
export class MatchingModule {}
