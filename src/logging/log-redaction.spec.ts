import { describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { QueryFailedError } from 'typeorm';
import { REDACT_PATHS, REDACTED, redactUrl } from './log-redaction.js';

describe('redactUrl', () => {
  it('keeps a path without a query as it is', () => {
    expect(redactUrl('/graphql')).toBe('/graphql');
    expect(redactUrl(undefined)).toBeUndefined();
  });

  it('replaces every query value except the harmless ones', () => {
    expect(redactUrl('/introductions/answer?token=eyJhbGciOi.x.y&answer=accept')).toBe('/introductions/answer?token=[Redacted]&answer=accept');
    expect(redactUrl('/sign-in?token=abc_DEF-123')).toBe('/sign-in?token=[Redacted]');
    expect(redactUrl('/admin/queues?token=eyJ.a.b&page=2')).toBe('/admin/queues?token=[Redacted]&page=[Redacted]');
    expect(redactUrl('/graphql?query=mutation%7BsignIn(token%3A%22s%22)%7D&variables=%7B%7D')).toBe('/graphql?query=[Redacted]&variables=[Redacted]');
  });

  it('treats an encoded or odd name like any other and keeps bare flags', () => {
    expect(redactUrl('/x?%74oken=secret')).toBe('/x?%74oken=[Redacted]');
    expect(redactUrl('/x?%E0%A4%A=secret&flag')).toBe('/x?%E0%A4%A=[Redacted]&flag');
    expect(redactUrl('/x?answer=decline&answer=accept')).toBe('/x?answer=decline&answer=accept');
  });
});

describe('REDACT_PATHS', () => {
  it('blanks credentials and the bound parameters of a failed query, serializers applied', () => {
    const lines: string[] = [];
    const logger = pino({ redact: { paths: REDACT_PATHS, censor: REDACTED } }, { write: (line: string) => void lines.push(line) });
    const failed = new QueryFailedError('UPDATE sign_in_token SET used_at = now() WHERE token_hash = $1', ['c2VjcmV0LWhhc2g'], new Error('connection lost'));
    logger.error({ err: failed }, 'unexpected error');
    logger.info({ req: { headers: { authorization: 'Bearer eyJ.secret.jwt', cookie: 'verbinder_admin=eyJ.secret.jwt' } } }, 'request');
    const text = lines.join('\n');
    expect(text).not.toContain('c2VjcmV0LWhhc2g');
    expect(text).not.toContain('eyJ.secret.jwt');
    expect(text).toContain('token_hash = $1');
  });
});
