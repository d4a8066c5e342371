import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/runtime-config.js';
import { AccountsService } from './accounts.service.js';
import { AuthService } from './auth.service.js';
import { SignInLinkMailer } from './sign-in-link.mailer.js';
import { VIEWER_CACHE_MAX_TOKENS, VIEWER_CACHE_TTL_MS, ViewerCache } from './viewer-cache.js';

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
  providers: [
    AuthService,
    AccountsService,
    SignInLinkMailer,
    // One per process: every module that imports AuthModule shares it.
    { provide: ViewerCache, useFactory: () => new ViewerCache({ ttlMs: VIEWER_CACHE_TTL_MS, maxTokens: VIEWER_CACHE_MAX_TOKENS }) },
  ],
  exports: [AuthService, AccountsService, SignInLinkMailer, ViewerCache],
})
export class AuthModule {}
