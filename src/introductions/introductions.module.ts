import { Module } from '@nestjs/common';
import { EmailActionsController } from './email-actions.controller.js';
import { EmailLinksModule } from './email-links.module.js';
import { IntroductionsResolver } from './introductions.resolver.js';
import { IntroductionsService } from './introductions.service.js';

@Module({
  imports: [EmailLinksModule],
  providers: [IntroductionsService, IntroductionsResolver],
  controllers: [EmailActionsController],
})
export class IntroductionsModule {}
