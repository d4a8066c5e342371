// The embedded default after a crash: what was committed before a SIGKILL is there after a
// restart on the same DATA_DIR (PGlite recovers from its write-ahead log like PostgreSQL),
// and the lock of the dead process does not keep the new one out.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { simpleParser } from 'mailparser';
import { tokenFromEmail } from './support/sign-in.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('the embedded database after a SIGKILL', () => {
  const apps: TestApp[] = [];
  let dataDir: string;
  afterAll(async () => {
    for (const app of apps) await app.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps what was committed, and the restarted app serves it', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'verbinder-embedded-crash-'));
    const first = await startTestApp({ embeddedDefaults: true, env: { DATA_DIR: dataDir } });
    apps.push(first);
    await first.gql(`mutation { register(input: { email: "eva@example.org", name: "Eva de Vries", sector: CITIZEN }) }`);
    const mailDir = join(dataDir, 'mail');
    let files: string[] = [];
    for (let i = 0; i < 200 && files.length === 0; i++) {
      files = await readdir(mailDir).catch(() => []);
      if (files.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    const token = tokenFromEmail((await simpleParser(await readFile(join(mailDir, files[0])))).text ?? '');
    first.process.kill('SIGKILL');
    await new Promise<void>((resolve) => (first.process.exitCode !== null || first.process.signalCode ? resolve() : first.process.once('exit', () => resolve())));

    const second = await startTestApp({ embeddedDefaults: true, env: { DATA_DIR: dataDir } });
    apps.push(second);
    // The account and its sign-in token were committed before the kill.
    const res = await second.gql<{ signIn: { me: { email: string; professional: { name: string } } } }>(
      `mutation($t: String!) { signIn(token: $t) { me { email professional { name } } } }`,
      { t: token },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.signIn.me).toEqual({ email: 'eva@example.org', professional: { name: 'Eva de Vries' } });
  }, 120_000);
});
