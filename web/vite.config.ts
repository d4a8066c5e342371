// The web app (issue #13): built into dist/web, which the API serves at / (src/web/).
// `npm run dev:web` serves it with hot reload on :5173 and passes the API's paths to the
// API on :3000 (or VERBINDER_API_URL), so both run side by side in development.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import type { Plugin as PostcssPlugin } from 'postcss';
import { defineConfig, type Plugin } from 'vite';

/**
 * The Utrecht components come as files (one for the whole library, one per component package) in
 * which every component is followed by
 * `Name.displayName = 'Name'`: a side effect, so the bundler kept all ~90 components although the
 * app uses a dozen (about 40 kB of the first load, gzipped). Those names only serve React's
 * developer tools; without them the unused components are dropped.
 */
function utrechtTreeShaking(): Plugin {
  return {
    name: 'verbinder:utrecht-tree-shaking',
    apply: 'build',
    transform(code, id) {
      if (!/\/@utrecht\/[\w-]+-react\/dist\/.*\.mjs$/.test(id)) return null;
      return { code: code.replace(/^\w+\.displayName = '\w+';$/gm, ''), map: null };
    },
  };
}

/**
 * NL Design System's example theme declares tokens for several component libraries (Amsterdam's,
 * Den Haag's, …). The app uses the Utrecht components, whose tokens refer only to these prefixes;
 * the rest (about 6 kB of the first load, gzipped) is dropped.
 */
const THEME_TOKENS = /^--(utrecht|basis|voorbeeld|nl)-/;
const themeTokens: PostcssPlugin = {
  postcssPlugin: 'verbinder:theme-tokens',
  Once(root) {
    if (!root.source?.input.file?.includes('/voorbeeld-design-tokens/')) return;
    root.walkDecls((declaration) => {
      if (declaration.prop.startsWith('--') && !THEME_TOKENS.test(declaration.prop)) declaration.remove();
    });
  },
};

const api = process.env.VERBINDER_API_URL ?? 'http://localhost:3000';
/** Paths the API answers itself (GraphQL, health, the pages behind email links, the queue dashboard). */
const API_PATHS = ['/graphql', '/health', '/metrics', '/introductions/answer', '/email', '/sign-in', '/admin/queues'];

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), utrechtTreeShaking()],
  css: { postcss: { plugins: [themeTokens] } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Budget of issue #13: at most 150 kB of JS and CSS (gzipped) for the first load of /kennisbank.
    chunkSizeWarningLimit: 400,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(API_PATHS.map((path) => [path, { target: api, changeOrigin: false }])),
  },
});
