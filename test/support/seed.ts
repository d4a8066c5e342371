import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/database/reference-data.js';

/** The built seed command (npm test builds first). */
export const SEED_COMMAND = join(projectRoot(), 'dist', 'src', 'seed', 'seed.command.js');

/** Loads a synthetic network into the database with the seed command; throws its stderr if it fails. */
export function seedSyntheticNetwork(databaseUrl: string, options: { professionals: number; initiatives: number; seed: number }): void {
  const run = spawnSync(
    process.execPath,
    [SEED_COMMAND, '--professionals', String(options.professionals), '--initiatives', String(options.initiatives), '--seed', String(options.seed)],
    { env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl }, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`The seed command failed: ${run.stderr}`);
}

/**
 * Loads the hand-written demo network (`npm run seed -- --demo`) into `DATABASE_URL`, or,
 * without one, into the embedded database under `DATA_DIR` (which no running app may hold).
 */
export function seedDemoNetwork(target: { DATABASE_URL: string } | { DATA_DIR: string }): void {
  const run = spawnSync(process.execPath, [SEED_COMMAND, '--demo'], { env: { PATH: process.env.PATH, ...target }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`The seed command failed: ${run.stderr}`);
}
