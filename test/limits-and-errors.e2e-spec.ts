import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { requestLogged } from './support/drain.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('query limits and error shape', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  async function sqlFor(query: string, requestId: string): Promise<{ code?: string; message?: string; sql: number }> {
    const res = await t.gql(query, {}, { headers: { 'x-request-id': requestId } });
    await requestLogged(t, requestId);
    return {
      code: res.errors?.[0].extensions?.code,
      message: res.errors?.[0].message,
      sql: t.logs.filter((l) => l.msg === 'sql' && l.req?.id === requestId).length,
    };
  }

  it('rejects a too deep query with QUERY_TOO_COMPLEX before any SQL', async () => {
    // 13 levels: initiatives > edges > node > (initiators > initiatives) × 5 > title.
    const deep = `{ initiatives { edges { node { ${'initiators { initiatives { '.repeat(5)}title${' } }'.repeat(5)} } } } }`;
    const res = await sqlFor(deep, 'too-deep');
    expect(res).toEqual({ code: 'QUERY_TOO_COMPLEX', message: 'Query too complex: deeper than 12 levels', sql: 0 });
  });

  it('rejects too many aliases with QUERY_TOO_COMPLEX before any SQL', async () => {
    const aliases = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: initiatives { totalCount }`).join(' ')} }`;
    expect(await sqlFor(aliases, 'aliases')).toMatchObject({ code: 'QUERY_TOO_COMPLEX', sql: 0 });
  });

  it('rejects a too costly query with QUERY_TOO_COMPLEX before any SQL', async () => {
    const fields = 'title summary description lessonsLearned status createdAt';
    const costly = `{ ${Array.from({ length: 10 }, (_, i) => `a${i}: initiatives(first: 100) { edges { node { ${fields} initiators { name headline bio offers { level discipline { slug name } } } needs { level discipline { slug } } } } }`).join(' ')} }`;
    expect(await sqlFor(costly, 'costly')).toMatchObject({ code: 'QUERY_TOO_COMPLEX', sql: 0 });
  });

  it('accepts the deepest query the contract needs', async () => {
    const res = await t.gql(`{ initiatives { edges { node { initiators { initiatives { needs { discipline { parent { name } } } } } } } } }`);
    expect(res.errors).toBeUndefined();
  });

  it('hides unexpected failures behind INTERNAL_SERVER_ERROR, without a stack trace, and logs them', async () => {
    await t.db.query(`ALTER TABLE initiative RENAME TO initiative_gone`);
    try {
      const res = await t.gql(`{ initiatives { totalCount } }`, {}, { headers: { 'x-request-id': 'broken' } });
      expect(res.errors).toEqual([{ message: 'Internal server error', path: ['initiatives'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
      await requestLogged(t, 'broken');
      const logged = t.logs.filter((l) => l.level >= 50 && l.req?.id === 'broken');
      expect(logged.length).toBe(1);
      expect(JSON.stringify(logged[0])).toContain('relation \\"initiative\\" does not exist');
      t.logs.splice(0, t.logs.length);
    } finally {
      await t.db.query(`ALTER TABLE initiative_gone RENAME TO initiative`);
    }
  });
});
