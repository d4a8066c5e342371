// The matching engine runs in a worker thread that Node starts from engine.thread.js beside
// engine-thread's module. Jest's transform does not reach into that thread, so the medium project
// maps engine-thread.js to the built one (jest.config.js), which starts the built thread: this
// checks that the build is not older than the sources, so a test never runs a stale engine.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../../../src/database/reference-data.js';

export async function requireBuiltEngine(): Promise<void> {
  const root = projectRoot();
  const built = await stat(join(root, 'dist', 'src', 'matching', 'engine.thread.js')).catch(() => null);
  if (!built) throw new Error('The medium tier runs the built matching engine: run `npm run build` first (npm test does).');
  const sources = (await readdir(join(root, 'src'), { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
  for (const file of sources) {
    if ((await stat(join(root, 'src', file))).mtimeMs > built.mtimeMs) {
      throw new Error(`src/${file} is newer than the build the medium tier's engine thread runs: run \`npm run build\` first (npm test does).`);
    }
  }
}
