import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { EmailLinks } from './email-links.js';

/** Signing and checking the links in emails; the key is passed per call (email-links.ts). */
@Module({ imports: [JwtModule.register({})], providers: [EmailLinks], exports: [EmailLinks] })
export class EmailLinksModule {}
