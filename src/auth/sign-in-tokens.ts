// Sign-in tokens: 32 random bytes, sent in the link; only their SHA-256 is stored, so a
// database leak gives no working links.
import { createHash, randomBytes } from 'node:crypto';

export const SIGN_IN_TOKEN_MINUTES = 15;

export function newSignInToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSignInToken(token) };
}

export function hashSignInToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
