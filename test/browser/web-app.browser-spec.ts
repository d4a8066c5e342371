// The web app's frame and its first page, in Chromium: served by the API at its public paths
// with a strict Content-Security-Policy, in Dutch and English, signed out and in, with no
// accessibility violations (WCAG 2.1 A and AA) and nothing logged as an error in the browser.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { registerAndSignIn } from '../support/sign-in.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { accessibilityViolations, type Language, launchBrowser, openApp, screenshot } from './support/browser.js';

let app: TestApp;
let browser: Browser;
let token: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  ({ token } = await registerAndSignIn(app, { email: 'frame@example.org', name: 'Femke Frame' }));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the page the API serves at each public path', () => {
  it('is the app, with a policy that allows only its own files, and its assets are cached and compressed', async () => {
    const res = await fetch(`${app.url}/kennisbank`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>/); // no inline script

    const asset = await fetch(`${app.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(asset.headers.get('cache-control')).toContain('immutable');

    expect((await fetch(`${app.url}/assets/missing-file.js`)).status).toBe(404);
    expect((await fetch(`${app.url}/no-such-page`)).status).toBe(404);
  });
});

describe.each<[Language, string, string]>([
  ['nl', 'Verbinder: de juiste mensen bij elkaar', 'Direct naar de inhoud'],
  ['en', 'Verbinder: the right people together', 'Skip to content'],
])('the home page in %s', (language, heading, skipLink) => {
  it.each([['signed out', false], ['signed in', true]])('%s: titled, in its language, accessible, without errors', async (_label, signedIn) => {
    const { page, context, problems } = await openApp(browser, app, { language, token: signedIn ? token : undefined });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(heading);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
    expect(await page.title()).toBe(`${heading} — Verbinder`);
    await expect(page.getByRole('link', { name: skipLink }).count()).resolves.toBe(1);
    if (signedIn) await page.getByText(language === 'nl' ? 'Aangemeld als Femke Frame' : 'Signed in as Femke Frame').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    if (signedIn && language === 'nl') await screenshot(page, 'home');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('moving around', () => {
  it('switches language in place and remembers the choice', async () => {
    const { page, context, problems } = await openApp(browser, app, { language: 'nl' });
    await page.goto('/');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verbinder: the right people together' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Verbinder: the right people together' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the skip link takes a keyboard user to the content', async () => {
    const { page, context, problems } = await openApp(browser, app, { language: 'nl' });
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Direct naar de inhoud');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inhoud');
    expect(problems).toEqual([]);
    await context.close();
  });
});
