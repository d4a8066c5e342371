// Debian's Chromium for the browser tests (test/browser/support/browser.ts) and the web app
// benchmark (bench/web.bench.ts): where it is and the flags that keep it off the network.
// Here, not in test/, because the build (tsconfig.build.json) compiles src/ and bench/ only.
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];

/** Chromium's executable, or an error that says exactly what is missing and how to get it. */
export function chromiumPath(): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH is set to ${configured}, which does not exist.`);
    return configured;
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      `The browser tests need Chromium, and none was found (looked for ${CANDIDATES.join(', ')}). ` +
        'Install Debian\'s package (sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
  }
  return found;
}

/** The flags that keep Chromium from reaching out to the network at start (this machine has none). */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
