import { Module } from '@nestjs/common';
import { MatchingResolver } from './matching.resolver.js';

@Module({ providers: [MatchingResolver] })
export class MatchingModule {}
