import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/runtime-config.js';
import { AuthService } from './auth.service.js';
import { SignInLinkMailer } from './sign-in-link.mailer.js';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A KeyObject made once: given a string, jsonwebtoken would make one on every verify.
        secret: createSecretKey(Buffer.from(config.jwtSecret)),
        signOptions: { expiresIn: config.jwtTtlSeconds, issuer: 'verbinder', algorithm: 'HS256' },
        verifyOptions: { issuer: 'verbinder', algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [AuthService, SignInLinkMailer],
  exports: [AuthService, SignInLinkMailer],
})
export class AuthModule {}
