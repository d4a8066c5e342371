import { createHmac, createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/runtime-config.js';
import { EmailLinks } from './email-links.js';

/**
 * Signing and checking the links in emails, with a JwtService of its own: a key derived from
 * JWT_SECRET but different from the session key (see email-links.ts).
 */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A KeyObject made once: given a string or Buffer, jsonwebtoken first tries to parse it
        // as a private key on every sign, which costs more than the rest of an email.
        secret: createSecretKey(createHmac('sha256', config.jwtSecret).update('verbinder email links').digest()),
        signOptions: { issuer: 'verbinder-email', algorithm: 'HS256' },
        verifyOptions: { issuer: 'verbinder-email', algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [EmailLinks],
  exports: [EmailLinks],
})
export class EmailLinksModule {}
