import { Module } from '@nestjs/common';
import { ExpertiseNeedResolver, InitiativesResolver } from './initiatives.resolver.js';
import { InitiativesService } from './initiatives.service.js';

@Module({ providers: [InitiativesService, InitiativesResolver, ExpertiseNeedResolver], exports: [InitiativesService] })
export class InitiativesModule {}
