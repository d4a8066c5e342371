/// <reference lib="dom" />
// Browser tests (issue #13): the built web app in real headless Chromium, driven by
// playwright-core, with axe-core's WCAG 2.1 A and AA rules on every page. Chromium is Debian's
// package (/usr/bin/chromium, or CHROMIUM_PATH; found by bench/chromium.ts, which the web app
// benchmark shares): nothing is downloaded.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../../../bench/chromium.js';
import { projectRoot } from '../../../src/database/reference-data.js';
import type { TestApp } from '../../support/test-app.js';

export { chromiumPath };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_FLAGS] });
}

export type Language = 'nl' | 'en';

export interface AppPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, page errors and failed requests so far (a CSP violation lands here too). */
  problems: string[];
  /**
   * Resolves once no GraphQL request has been in flight for 300 ms: before a reload or a
   * navigation that would otherwise cancel the refetches an action started.
   */
  apiIdle(): Promise<void>;
}

/**
 * A fresh browser context (its own storage) on the app, in a language, optionally signed in
 * with a session token (put where the app keeps it, as signing in through the link does).
 */
export async function openApp(browser: Browser, app: TestApp, options: { language?: Language; token?: string } = {}): Promise<AppPage> {
  const language = options.language ?? 'nl';
  const context = await browser.newContext({ baseURL: app.url, locale: language === 'nl' ? 'nl-NL' : 'en-GB' });
  await context.addInitScript(
    ({ language, token }) => {
      if (!sessionStorage.getItem('verbinder.test.initialised')) {
        sessionStorage.setItem('verbinder.test.initialised', '1');
        localStorage.setItem('verbinder.language', language);
        if (token) localStorage.setItem('verbinder.session', token);
      }
    },
    { language, token: options.token ?? null },
  );
  const page = await context.newPage();
  const problems: string[] = [];
  const isApi = (request: Request) => new URL(request.url()).pathname === '/graphql';
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? '';
    // The GraphQL client cancels a query whose page part went away (the person moved on before
    // the answer came): that is by design, not a failure. Every other failed request counts.
    if (error === 'net::ERR_ABORTED' && isApi(request)) return;
    problems.push(`request failed: ${request.url()} ${error}`);
  });
  let inFlight = 0;
  page.on('request', (request) => void (isApi(request) && inFlight++));
  const done = (request: Request) => void (isApi(request) && inFlight--);
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  const apiIdle = async () => {
    for (let quiet = 0; quiet < 3; ) {
      await page.waitForTimeout(100);
      quiet = inFlight === 0 ? quiet + 1 : 0;
    }
  };
  return { page, context, problems, apiIdle };
}

/** axe-core's WCAG 2.1 A and AA rules on the page as it is now; the violations, readable. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n` +
      violation.nodes.map((node) => `  ${node.target.join(' ')}: ${node.failureSummary?.replace(/\n/g, ' ')}`).join('\n'),
  );
}

/**
 * Saves a screenshot of the page when SCREENSHOT_DIR is set (`npm run screenshots` sets it to
 * docs/screenshots, which the README shows).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  const target = join(projectRoot(), dir);
  await mkdir(target, { recursive: true });
  // The top of the page, as a visitor first sees it (some pages, such as the profile, are long).
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: join(target, `${name}.png`) });
}

/** The path and query of a link from an email (its host is the app's PUBLIC_URL, not the test's address). */
export function localPath(link: string): string {
  const url = new URL(link);
  return url.pathname + url.search;
}
