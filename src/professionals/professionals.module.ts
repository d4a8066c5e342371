import { Module } from '@nestjs/common';
import { ProfessionalsResolver } from './professionals.resolver.js';
import { ProfessionalsService } from './professionals.service.js';

@Module({ providers: [ProfessionalsService, ProfessionalsResolver], exports: [ProfessionalsService] })
export class ProfessionalsModule {}
