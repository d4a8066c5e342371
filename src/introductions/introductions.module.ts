import { Module } from '@nestjs/common';
import { IntroductionsResolver } from './introductions.resolver.js';

@Module({ providers: [IntroductionsResolver] })
export class IntroductionsModule {}
