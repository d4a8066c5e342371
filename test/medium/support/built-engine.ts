// The matching engine runs in a worker thread that Node starts from engine-thread.entry.js beside
// engine-in-thread's module. Jest's transform does not reach into that thread, so the medium project
// maps engine-in-thread.js to the built one (jest.config.js), which starts the built thread: this
// checks that the build is not older than any source the thread runs, so a test never runs a
// stale engine. (Everything else the tests run comes from src/ through jest's transform.)
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { projectRoot } from '../../../src/database/reference-data.js';

/** The sources the thread's modules import, found by following their relative imports. */
async function threadSources(root: string): Promise<string[]> {
  const seen = new Set<string>();
  const pending = ['src/matching/engine-in-thread.ts', 'src/matching/engine-thread.entry.ts'].map((f) => join(root, f));
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await readFile(file, 'utf8');
    for (const [, spec] of text.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) pending.push(resolve(dirname(file), `${spec}.ts`));
  }
  return [...seen];
}

export async function requireBuiltEngine(): Promise<void> {
  const root = projectRoot();
  const built = await stat(join(root, 'dist', 'src', 'matching', 'engine-thread.entry.js')).catch(() => null);
  if (!built) throw new Error('The medium tier runs the built matching engine: run `npm run build` first (npm test does).');
  for (const file of await threadSources(root)) {
    if ((await stat(file)).mtimeMs > built.mtimeMs) {
      throw new Error(`${relative(root, file)} is newer than the build the engine thread runs: run \`npm run build\` first (npm test does).`);
    }
  }
}
