import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { InitiativesModule } from '../initiatives/initiatives.module.js';
import { ProfessionalsModule } from '../professionals/professionals.module.js';
import { EmailActionsController } from './email-actions.controller.js';
import { EmailLinksModule } from './email-links.module.js';
import { IntroductionsResolver } from './introductions.resolver.js';
import { IntroductionsService } from './introductions.service.js';

@Module({
  imports: [EmailLinksModule, AuthModule, ProfessionalsModule, InitiativesModule],
  providers: [IntroductionsService, IntroductionsResolver],
  controllers: [EmailActionsController],
})
export class IntroductionsModule {}
