// GraphiQL must work with no network: the page and everything it loads come from the app itself.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { init as initLexer, parse as parseModule } from 'es-module-lexer';
import { Parser } from 'htmlparser2';
import { GRAPHIQL_ASSETS_PATH } from '../src/graphql/graphiql/graphiql.middleware.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

type Kind = 'script' | 'module' | 'style' | 'other';
interface Reference {
  url: string;
  kind: Kind;
}

/** Every URL the page makes the browser load (scripts, styles, icons, images) and its inline scripts. */
function referencesOf(html: string): { references: Reference[]; inlineScripts: string[] } {
  const references: Reference[] = [];
  const inlineScripts: string[] = [];
  let inScript: { module: boolean; src: boolean; text: string } | undefined;
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === 'script') {
        const module = attrs.type === 'module';
        if (attrs.src !== undefined) references.push({ url: attrs.src, kind: module ? 'module' : 'script' });
        inScript = { module, src: attrs.src !== undefined, text: '' };
      } else if (name === 'link' && attrs.href !== undefined) {
        const rel = (attrs.rel ?? '').split(/\s+/);
        if (rel.includes('stylesheet')) references.push({ url: attrs.href, kind: 'style' });
        else if (rel.includes('modulepreload')) references.push({ url: attrs.href, kind: 'module' });
        else if (rel.some((r) => ['icon', 'preload', 'prefetch', 'manifest'].includes(r))) references.push({ url: attrs.href, kind: 'other' });
      } else if (['img', 'iframe', 'source', 'audio', 'video', 'embed'].includes(name) && attrs.src !== undefined) {
        references.push({ url: attrs.src, kind: 'other' });
      }
    },
    ontext(text) {
      if (inScript) inScript.text += text;
    },
    onclosetag(name) {
      if (name === 'script' && inScript) {
        if (!inScript.src && inScript.text.trim() !== '') inlineScripts.push(inScript.text);
        inScript = undefined;
      }
    },
  });
  parser.write(html);
  parser.end();
  return { references, inlineScripts };
}

/** Static imports and literal dynamic imports of an ES module. */
function importsOf(source: string): string[] {
  const [imports] = parseModule(source);
  return imports.map((i) => i.n).filter((specifier): specifier is string => specifier !== undefined);
}

/**
 * Paths and URLs written as string literals in a script of the page's own (not the vendored
 * bundle): that is where the Monaco worker files are named.
 */
function literalUrlsOf(source: string): string[] {
  return [...source.matchAll(/["'`]((?:https?:)?\/\/[^"'`\s]+|\/[\w./-]+\.\w+)["'`]/g)].map((m) => m[1]!);
}
const OWN_SCRIPT_LIMIT = 16_384;

describe('GraphiQL outside production', () => {
  let t: TestApp;

  beforeAll(async () => {
    await initLexer;
    t = await startTestApp({ role: 'api' });
  });
  afterAll(() => t?.close());

  it('serves the page, and every file it loads, from the app itself', async () => {
    const pageUrl = new URL('/graphql', t.url);
    const page = await fetch(pageUrl, { headers: { accept: BROWSER_ACCEPT } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const { references, inlineScripts } = referencesOf(await page.text());
    expect(references.map((r) => new URL(r.url, pageUrl)).filter((url) => url.origin !== pageUrl.origin).map((url) => url.href)).toEqual([]);
    // Inline code could load from anywhere, and the page's CSP would have to allow it.
    expect(inlineScripts).toEqual([]);
    expect(references.filter((r) => r.kind === 'style')).not.toHaveLength(0);
    expect(references.filter((r) => r.kind === 'script' || r.kind === 'module')).not.toHaveLength(0);

    const queue = references.map((r) => ({ ...r, url: new URL(r.url, pageUrl) }));
    const seen = new Map<string, number>();
    while (queue.length > 0) {
      const { url, kind } = queue.shift()!;
      if (seen.has(url.href)) continue;
      expect(`${url.href} on ${url.origin}`).toBe(`${url.href} on ${pageUrl.origin}`);
      const res = await fetch(url);
      seen.set(url.href, res.status);
      const body = await res.text();
      if (res.status !== 200) continue;
      const type = res.headers.get('content-type') ?? '';
      if (kind === 'style') expect(`${url.pathname}: ${type}`).toMatch(/: text\/css/);
      if (kind === 'script' || kind === 'module') expect(`${url.pathname}: ${type}`).toMatch(/: text\/javascript/);
      if (kind === 'module') for (const specifier of importsOf(body)) queue.push({ url: new URL(specifier, url), kind: 'module' });
      if (kind === 'script' && body.length <= OWN_SCRIPT_LIMIT) {
        for (const found of literalUrlsOf(body)) queue.push({ url: new URL(found, url), kind: found.endsWith('.js') ? 'script' : 'other' });
      }
    }
    expect([...seen].filter(([, status]) => status !== 200)).toEqual([]);
    // The bundle, the page's scripts and the three Monaco workers, at least.
    expect(seen.size).toBeGreaterThanOrEqual(7);
  });

  it('lets the browser load from this origin only', async () => {
    const page = await fetch(new URL('/graphql', t.url), { headers: { accept: BROWSER_ACCEPT } });
    const csp = page.headers.get('content-security-policy') ?? '';
    const directives = csp.split(';').map((d) => d.trim().split(/\s+/));
    expect(directives.find(([name]) => name === 'default-src')).toEqual(['default-src', "'self'"]);
    const sources = directives.flatMap(([, ...values]) => values);
    expect(sources.filter((s) => !["'self'", "'unsafe-inline'", 'data:'].includes(s))).toEqual([]);
  });

  it('still answers GraphQL over GET and POST on the same path', async () => {
    const get = await fetch(new URL('/graphql?query=%7B__typename%7D', t.url), { headers: { accept: 'application/json', 'apollo-require-preflight': '1' } });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    expect((await t.post({ query: '{ __typename }' })).body).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('GraphiQL in production', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ role: 'api', env: { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-chars' } });
  });
  afterAll(() => t?.close());

  it('serves neither the page nor its files', async () => {
    const page = await fetch(new URL('/graphql', t.url), { headers: { accept: BROWSER_ACCEPT } });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/^text\/html/);
    await page.body?.cancel();
    for (const file of ['graphiql.js', 'graphiql.css']) {
      const res = await fetch(new URL(`${GRAPHIQL_ASSETS_PATH}/${file}`, t.url));
      expect(`${file}: ${res.status}`).toBe(`${file}: 404`);
      await res.body?.cancel();
    }
  });
});
