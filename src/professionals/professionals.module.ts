import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { ProfessionalsResolver } from './professionals.resolver.js';
import { ProfessionalsService } from './professionals.service.js';

@Module({ imports: [AuthModule], providers: [ProfessionalsService, ProfessionalsResolver], exports: [ProfessionalsService] })
export class ProfessionalsModule {}
