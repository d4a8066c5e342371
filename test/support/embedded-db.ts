// Reads the embedded database an app left under its DATA_DIR, once the app has stopped: a
// child process opens it as the app does (PGlite behind a loopback socket) and the test talks
// to it over one connection.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { projectRoot } from '../../src/database/reference-data.js';

const EMBEDDED = join(projectRoot(), 'dist', 'src', 'database', 'embedded-postgres.js');

export async function openEmbeddedDatabase(dataDir: string): Promise<{ client: pg.Client; close(): Promise<void> }> {
  const script = `
    const { startEmbeddedPostgres } = await import(${JSON.stringify(EMBEDDED)});
    const db = await startEmbeddedPostgres(${JSON.stringify(dataDir)});
    console.log(db.url);
    process.stdin.on('end', async () => { await db.stop(); process.exit(0); });
    process.stdin.resume();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`The embedded database did not open (exit ${code})`)));
  });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    client,
    async close() {
      await client.end();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin!.end();
      await exited;
    },
  };
}
