import { Module } from '@nestjs/common';
import { ProfessionalsModule } from '../professionals/professionals.module.js';
import { AuthModule } from './auth.module.js';
import { AuthResolver } from './auth.resolver.js';
import { SignInPageController } from './sign-in-page.controller.js';

/** The HTTP side of sign-in (mutations and the page the emailed link opens); API processes only. */
@Module({
  imports: [AuthModule, ProfessionalsModule],
  providers: [AuthResolver],
  controllers: [SignInPageController],
})
export class AuthApiModule {}
