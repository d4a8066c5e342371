// Every public path of the web app (src/common/web-routes.ts), in Dutch and English, signed out
// and signed in (as an admin who initiated an initiative, so every page has something to
// show): the path shows its own page (one h1, not the app's not-found page), in the chosen
// language, with zero axe-core violations at WCAG 2.1 A and AA and nothing logged as an error.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { WEB_ROUTES } from '../../src/common/web-routes.js';
import { makeFixtures } from '../support/fixtures.js';
import { registerAndSignIn } from '../support/sign-in.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { accessibilityViolations, type Language, launchBrowser, openApp } from './support/browser.js';

const NOT_FOUND = { nl: 'Pagina niet gevonden', en: 'Page not found' };

let app: TestApp;
let browser: Browser;
let token: string;
let initiativeId: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  const admin = await registerAndSignIn(app, { email: 'admin@example.org', name: 'Ada Admin', municipalityCode: 'GM0344' });
  token = admin.token;
  initiativeId = await makeFixtures(app.db).initiative({
    title: 'Tuinman in de Wijk',
    municipalityCode: 'GM0599',
    initiatorIds: [admin.id],
    needs: [{ slug: 'groenbeheer', level: 'BASIC' }],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const cases = WEB_ROUTES.flatMap((route) =>
  (['nl', 'en'] as Language[]).flatMap((language) => [false, true].map((signedIn) => [route, language, signedIn] as const)),
);

describe('every public path', () => {
  it.each(cases)('%s (%s, signed in: %s) shows its accessible page', async (route, language, signedIn) => {
    const { page, context, problems } = await openApp(browser, app, { language, token: signedIn ? token : undefined });
    try {
      await page.goto(route.replace(':id', initiativeId));
      const heading = page.getByRole('heading', { level: 1 });
      await heading.waitFor();
      await page.waitForLoadState('networkidle');
      expect(await heading.count()).toBe(1);
      expect(await heading.textContent()).not.toBe(NOT_FOUND[language]);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
