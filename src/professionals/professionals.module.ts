import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { InitiativesModule } from '../initiatives/initiatives.module.js';
import { InitiativeInitiatorsResolver, ProfessionalsResolver } from './professionals.resolver.js';
import { ProfessionalsService } from './professionals.service.js';

@Module({
  imports: [AuthModule, InitiativesModule],
  providers: [ProfessionalsService, ProfessionalsResolver, InitiativeInitiatorsResolver],
  exports: [ProfessionalsService],
})
export class ProfessionalsModule {}
