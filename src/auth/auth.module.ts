import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/runtime-config.js';
import { ProfessionalsModule } from '../professionals/professionals.module.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { SignInLinkMailer } from './sign-in-link.mailer.js';
import { SignInPageController } from './sign-in-page.controller.js';

@Module({
  imports: [
    ProfessionalsModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { expiresIn: config.jwtTtlSeconds, issuer: 'verbinder', algorithm: 'HS256' },
        verifyOptions: { issuer: 'verbinder', algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [AuthService, AuthResolver, SignInLinkMailer],
  controllers: [SignInPageController],
  exports: [AuthService, SignInLinkMailer],
})
export class AuthModule {}
