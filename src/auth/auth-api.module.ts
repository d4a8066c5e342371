import { Module } from '@nestjs/common';
import { AuthModule } from './auth.module.js';
import { AuthResolver } from './auth.resolver.js';
import { SignInPageController } from './sign-in-page.controller.js';

/**
 * The HTTP side of sign-in (requestSignInLink and the page the emailed link opens); API processes
 * only. register and signIn answer with the person's profile, so professionals has them.
 */
@Module({
  imports: [AuthModule],
  providers: [AuthResolver],
  controllers: [SignInPageController],
})
export class AuthApiModule {}
