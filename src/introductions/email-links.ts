import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InvalidInput } from '../common/domain-error.js';
import { AppConfig } from '../config/runtime-config.js';

/** What an emailed link may do; each purpose is a JWT audience, so one cannot stand in for another. */
export type LinkPurpose = 'answer' | 'unsubscribe' | 'resume';

export interface LinkClaims {
  /** The recipient's account. */
  acc: string;
  /** The introduction, for 'answer'. */
  intro?: string;
}

/** Unsubscribing and resuming must work from an old email too. */
const LONG_LIVED_SECONDS = 60 * 60 * 24 * 365;

/**
 * Signed links in emails: answer an introduction, unsubscribe, resume digests. Signed with a
 * key derived from JWT_SECRET but different from the session key, and another issuer
 * (email-links.module.ts), so a link token can never be used as a session (bearer) token, nor
 * a session token as a link. An answer token is bound to
 * the introduction and the recipient, expires with the introduction, and is single-use because
 * a side can answer once (introductions.service.ts).
 */
@Injectable()
export class EmailLinks {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async url(purpose: LinkPurpose, claims: LinkClaims, expiresAt?: Date): Promise<string> {
    const seconds = expiresAt ? Math.max(60, Math.floor((expiresAt.getTime() - Date.now()) / 1000)) : LONG_LIVED_SECONDS;
    const token = await this.jwt.signAsync({ ...claims }, { audience: purpose, expiresIn: seconds });
    const path = purpose === 'answer' ? 'introductions/answer' : `email/${purpose}`;
    return `${this.config.publicUrl}/${path}?token=${encodeURIComponent(token)}`;
  }

  async verify(purpose: LinkPurpose, token: unknown): Promise<LinkClaims> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 2000) throw new InvalidLink();
    try {
      const claims = await this.jwt.verifyAsync<LinkClaims & object>(token, { audience: purpose });
      if (typeof claims.acc !== 'string' || (purpose === 'answer' && typeof claims.intro !== 'string')) throw new InvalidLink();
      return claims;
    } catch {
      throw new InvalidLink();
    }
  }
}

export class InvalidLink extends InvalidInput {
  constructor() {
    super('This link is not valid (any more). Sign in to Verbinder to see your introductions.', { field: 'token' });
  }
}
