// The lint rules of docs/ARCHITECTURE.md, tried on code that breaks them: a rule that
// stopped firing would let the layering erode without anyone noticing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';
import { TABLE_OWNERS } from '../eslint/table-owners.js';
import { writtenTables } from '../eslint/verbinder-plugin.js';

const root = join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

/** The messages ESLint gives `code` as if it were the file `path` (relative to the project). */
async function lint(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('writtenTables', () => {
  it('finds each target of INSERT, UPDATE, DELETE and TRUNCATE, in CTEs too', () => {
    const sql = `WITH x AS (UPDATE introduction SET status = 'SENT' RETURNING id)
      INSERT INTO digest_state (account_id) SELECT 1 ON CONFLICT (account_id) DO UPDATE SET n = 1;
      DELETE FROM "sign_in_token" WHERE true; TRUNCATE TABLE match_run_blob; SELECT * FROM account FOR UPDATE OF account`;
    expect(writtenTables(sql)).toEqual(['introduction', 'digest_state', 'sign_in_token', 'match_run_blob']);
  });

  it('ignores prose and reads', () => {
    expect(writtenTables('Update your profile, then delete from the list. SELECT * FROM account')).toEqual([]);
  });
});

describe('table owners', () => {
  it('name an owner for every table the migrations create, and no table they do not', () => {
    const dir = join(root, 'src/database/migrations');
    const created = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => /^\d+-.*\.ts$/.test(f))) {
      for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?([a-z_]+)/g)) created.add(m[1]);
    }
    expect(created.size).toBeGreaterThan(10);
    expect(Object.keys(TABLE_OWNERS).sort()).toEqual([...created].sort());
  });
});

describe('npm run lint', () => {
  it('refuses a core folder importing a feature', async () => {
    const messages = await lint('src/mail/probe.ts', `import { AuthService } from '../auth/auth.service.js';\nexport const x = AuthService;\n`);
    expect(messages.join('\n')).toMatch(/import-x\/no-restricted-paths: .*Core code must not depend on a feature/);
  });

  it("refuses a feature importing another feature's entity", async () => {
    const messages = await lint('src/search/probe.ts', `import { InitiativeEntity } from '../initiatives/initiative.entity.js';\nexport const x = InitiativeEntity;\n`);
    expect(messages.join('\n')).toMatch(/An entity of initiatives\/ is that feature's alone/);
  });

  it("refuses a feature writing another's table, and a table without an owner", async () => {
    const messages = await lint(
      'src/matching/probe.ts',
      'export const a = `UPDATE account SET opted_in = false`;\nexport const b = \'INSERT INTO mystery (id) VALUES (1)\';\n',
    );
    expect(messages).toEqual([
      'verbinder/table-owner: Table "account" belongs to auth/: call its service instead of writing it from matching/.',
      'verbinder/table-owner: Table "mystery" has no owner: add it to eslint/table-owners.js.',
    ]);
  });

  it('lets the owner write its table and any feature read any table', async () => {
    expect(await lint('src/auth/probe.ts', "export const a = 'UPDATE account SET opted_in = false';\n")).toEqual([]);
    expect(await lint('src/matching/probe.ts', "export const a = 'SELECT a.id FROM account a JOIN introduction i ON i.a_id = a.id';\n")).toEqual([]);
  });
});
