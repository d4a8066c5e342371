// The public pages and the account pages of the web app (issue #13), in Chromium: a visitor
// searches and pages the knowledge bank, opens an initiative and offers help, which leads to
// registering (keyboard only) and signing in by the emailed link, back on the initiative; then
// the person changes their preferences, downloads their data and deletes their account.
// Every route passes axe (WCAG 2.1 A and AA) in Dutch and English, signed out and in.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { makeFixtures } from '../support/fixtures.js';
import { registerAndSignIn } from '../support/sign-in.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { accessibilityViolations, type Language, launchBrowser, localPath, openApp, screenshot } from './support/browser.js';

let app: TestApp;
let browser: Browser;
let token: string;
let gardenId: string;

const LINK = /https?:\/\/[^\s"<>]+\/aanmelden\?token=[^\s"<>]+/;

/** The sign-in link in the newest email to `email` after `before` messages. */
async function signInLink(email: string, before: number): Promise<string> {
  const mail = await app.mailbox.waitForMailTo(email, before);
  const link = LINK.exec(mail.text ?? '')?.[0];
  if (!link) throw new Error(`No sign-in link in: ${mail.text}`);
  return link;
}

/** Presses Tab (at most 80 times) until the focused element fits; fails otherwise. Keyboard only. */
async function tabTo(page: Page, describe: string, fits: (element: { tag: string; text: string; label: string; type: string }) => boolean) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const element = await page.evaluate(() => {
      const active = document.activeElement as HTMLElement | null;
      const labels = (active as HTMLInputElement | null)?.labels;
      return {
        tag: active?.tagName ?? '',
        text: active?.textContent?.trim() ?? '',
        label: labels?.[0]?.textContent?.trim() ?? '',
        type: active?.getAttribute('type') ?? '',
      };
    });
    if (fits(element)) return;
  }
  throw new Error(`Tab never reached ${describe}`);
}


const items = (page: Page) => page.locator('[data-testid="initiative-list"] > li');

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  const make = makeFixtures(app.db);
  const initiator = await make.professional({ name: 'Ilse Initiatief', organisation: 'Buurtvereniging De Pijp' });
  gardenId = await make.initiative({
    title: 'Moestuin De Pijp',
    summary: 'Een moestuin op een braakliggend stuk grond, door en voor de buurt.',
    description: 'Buren kweken samen groente en delen de oogst.',
    lessonsLearned: 'Begin klein en maak vaste afspraken over het water geven.',
    status: 'RUNNING',
    municipalityCode: 'GM0363',
    themes: ['stadslandbouw'],
    needs: [
      { slug: 'stadslandbouw', level: 'EXPERT', hours: 8 },
      { slug: 'communicatie', level: 'BASIC', fulfilled: true },
    ],
    initiatorIds: [initiator],
  });
  for (let i = 1; i <= 22; i++) {
    await make.initiative({
      title: `Moestuin nummer ${i}`,
      summary: `Nog een moestuin in de stad (${i}).`,
      status: i <= 2 ? 'COMPLETED' : 'IDEA',
      municipalityCode: 'GM0363',
      themes: ['stadslandbouw'],
      createdAt: new Date(Date.now() - i * 60_000),
    });
  }
  await make.initiative({ title: 'Moestuin Utrecht', summary: 'Een moestuin in Utrecht.', municipalityCode: 'GM0344' });
  await make.initiative({ title: 'Zonnedak Amsterdam', summary: 'Zonnepanelen op het dak van de school.', municipalityCode: 'GM0363', themes: ['energie-en-duurzaamheid'] });
  ({ token } = await registerAndSignIn(app, { email: 'anna.axe@example.org', name: 'Anna Axe' }));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the knowledge bank', () => {
  it('a visitor searches, filters, pages, goes back, and opens an initiative', async () => {
    const { page, context, problems, apiIdle: settled } = await openApp(browser, app, { language: 'nl' });
    await settled();
    await page.goto('/kennisbank');
    await page.getByRole('heading', { level: 1, name: 'Kennisbank' }).waitFor();
    await page.getByRole('status').filter({ hasText: '25 initiatieven gevonden' }).waitFor();

    await page.getByLabel('Zoekwoorden').fill('moestuin');
    await page.getByLabel('Provincie').selectOption({ label: 'Noord-Holland' });
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('status').filter({ hasText: '23 initiatieven gevonden' }).waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('moestuin');
    await expect(items(page).count()).resolves.toBe(20);
    await expect(page.getByText('Zonnedak Amsterdam').count()).resolves.toBe(0);
    await expect(page.getByText('Moestuin Utrecht').count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Meer laden' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="initiative-list"] > li').length === 23);
    await expect(page.getByRole('button', { name: 'Meer laden' }).count()).resolves.toBe(0);
    // Focus went to the first new result.
    expect(await page.evaluate(() => document.activeElement?.closest('li') === document.querySelectorAll('[data-testid="initiative-list"] > li')[20])).toBe(true);

    await page.getByRole('checkbox', { name: 'Afgerond' }).check();
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('status').filter({ hasText: '2 initiatieven gevonden' }).waitFor();
    await expect(items(page).count()).resolves.toBe(2);
    await expect(items(page).first().getByText('Afgerond').count()).resolves.toBe(1);
    expect(new URL(page.url()).searchParams.getAll('status')).toEqual(['COMPLETED']);

    // The address is the search: back returns to the previous one, with its filters.
    await settled();
    await page.goBack();
    await page.getByRole('status').filter({ hasText: '23 initiatieven gevonden' }).waitFor();
    await expect(page.getByRole('checkbox', { name: 'Afgerond' }).isChecked()).resolves.toBe(false);
    await expect(page.getByLabel('Zoekwoorden').inputValue()).resolves.toBe('moestuin');

    // A shared address opens the same search; the municipality filter and theme select work too.
    await settled();
    await page.goto('/kennisbank?gemeente=GM0344&gemeentenaam=Utrecht');
    await page.getByRole('status').filter({ hasText: '1 initiatief gevonden' }).waitFor();
    await page.getByText('Moestuin Utrecht').waitFor();
    await settled();
    await page.goto('/kennisbank');
    await page.getByLabel('Thema').selectOption('energie-en-duurzaamheid');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('status').filter({ hasText: '1 initiatief gevonden' }).waitFor();
    await page.getByRole('link', { name: 'Zonnedak Amsterdam' }).waitFor();

    await settled();

    await page.goto('/kennisbank?q=moestuin+pijp');
    await page.getByRole('link', { name: 'Moestuin De Pijp' }).click();
    await page.getByRole('heading', { level: 1, name: 'Moestuin De Pijp' }).waitFor();
    expect(localPath(page.url())).toBe(`/initiatieven/${gardenId}`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('with no result says so', async () => {
    const { page, context, problems, apiIdle: settled } = await openApp(browser, app, { language: 'en' });
    await settled();
    await page.goto('/kennisbank?q=onvindbaarwoord');
    await page.getByRole('status').filter({ hasText: '0 initiatives found' }).waitFor();
    await page.getByText('No initiatives found.').waitFor();
    await expect(items(page).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('an initiative', () => {
  it('shows what it is, where, its lessons, initiators and open needs; "Help aanbieden" leads to signing in', async () => {
    const { page, context, problems, apiIdle: settled } = await openApp(browser, app, { language: 'nl' });
    await settled();
    await page.goto(`/initiatieven/${gardenId}`);
    await page.getByRole('heading', { level: 1, name: 'Moestuin De Pijp' }).waitFor();
    expect(await page.title()).toBe('Moestuin De Pijp — Verbinder');
    const text = await page.locator('main').innerText();
    expect(text).toContain('Amsterdam, Noord-Holland');
    expect(text).toContain('Loopt');
    expect(text).toContain('Begin klein en maak vaste afspraken over het water geven.');
    expect(text).toContain('Ilse Initiatief (Buurtvereniging De Pijp)');
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows.count()).resolves.toBe(2); // the header and the one open need (communicatie is fulfilled)
    expect(await rows.nth(1).innerText()).toMatch(/Stadslandbouw\s+Expert\s+8 uur per maand/);

    await page.getByRole('link', { name: 'Help aanbieden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Aanmelden' }).waitFor();
    expect(localPath(page.url())).toBe(`/aanmelden?next=${encodeURIComponent(`/initiatieven/${gardenId}`)}`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('signed in, says honestly how help is offered', async () => {
    const { page, context, problems, apiIdle: settled } = await openApp(browser, app, { language: 'nl', token });
    await settled();
    await page.goto(`/initiatieven/${gardenId}`);
    await page.getByRole('heading', { level: 1, name: 'Moestuin De Pijp' }).waitFor();
    await page.getByText('Je kunt je hulp niet direct vanaf deze pagina aanbieden.', { exact: false }).waitFor();
    await expect(page.getByRole('link', { name: 'Help aanbieden' }).count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'Bekijk je voorgestelde kennismakingen' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it.each([['an unknown id', '00000000-0000-4000-8000-000000000000'], ['no id at all', 'niet-een-id']])('with %s is a clear not-found page', async (_label, id) => {
    const { page, context, problems, apiIdle: settled } = await openApp(browser, app, { language: 'nl' });
    await settled();
    await page.goto(`/initiatieven/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Initiatief niet gevonden' }).waitFor();
    await page.getByRole('link', { name: 'Terug naar de kennisbank' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('a person joins from an initiative, with the keyboard only, and manages their account', () => {
  const email = 'kees.keyboard@example.org';

  it('registers, signs in by the link, and lands back on the initiative; then preferences, export and deletion', async () => {
    const { page, context, problems, apiIdle: settled } = await openApp(browser, app, { language: 'nl' });
    const next = `/initiatieven/${gardenId}`;
    await settled();
    await page.goto(`/aanmelden?next=${encodeURIComponent(next)}`);
    await page.getByRole('heading', { level: 1, name: 'Aanmelden' }).waitFor();

    // Submitting empty shows each error next to its field, announced, and focuses the first.
    await tabTo(page, 'the register button', (e) => e.tag === 'BUTTON' && e.text === 'Account maken');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Vul je naam in' }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'Kies je sector.' }).waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).labels?.[0]?.textContent)).toContain('Naam');
    await expect(page.getByLabel('Naam').getAttribute('aria-describedby')).resolves.toBeTruthy();

    await page.keyboard.type('Kees Toetsenbord');
    await page.keyboard.press('Tab');
    await page.keyboard.type(email);
    await tabTo(page, 'the sector', (e) => e.tag === 'SELECT' && e.label.startsWith('Sector'));
    await page.keyboard.type('Wetenschap');
    await expect(page.getByLabel('Sector').inputValue()).resolves.toBe('SCIENCE');
    await tabTo(page, 'English', (e) => e.type === 'radio');
    await page.keyboard.press('ArrowDown'); // Nederlands → English
    await expect(page.getByRole('radio', { name: 'English' }).isChecked()).resolves.toBe(true);
    const before = app.mailbox.messages.length;
    await tabTo(page, 'the register button', (e) => e.tag === 'BUTTON' && e.text === 'Account maken');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Kijk in je e-mail' }).waitFor();

    const link = await signInLink(email, before);
    expect(new URL(link).searchParams.get('next')).toBe(next);
    const { rows } = await app.db.query<{ locale: string }>(`SELECT locale FROM account WHERE email = $1`, [email]);
    expect(rows[0]?.locale).toBe('en');

    // The link asks to confirm; the token never shows and leaves the address.
    await settled();
    await page.goto(localPath(link));
    await page.getByRole('heading', { level: 1, name: 'Aanmelden bevestigen' }).waitFor();
    const tokenValue = new URL(link).searchParams.get('token')!;
    expect(await page.locator('body').innerText()).not.toContain(tokenValue);
    await tabTo(page, 'the sign-in button', (e) => e.tag === 'BUTTON' && e.text === 'Aanmelden');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Moestuin De Pijp' }).waitFor();
    expect(localPath(page.url())).toBe(next);
    await page.getByText('Aangemeld als Kees Toetsenbord').waitFor();
    // The link's address (with the token) was replaced in the history, not kept: back is the page before it.
    await settled();
    await page.goBack();
    expect(page.url()).not.toContain('token=');
    await page.getByRole('heading', { level: 1, name: 'Aanmelden' }).waitFor();

    // Preferences: monthly, at most 3, in Dutch.
    await settled();
    await page.goto('/voorkeuren');
    await page.getByRole('heading', { level: 1, name: 'Voorkeuren' }).waitFor();
    await expect(page.getByRole('radio', { name: 'Elke week' }).isChecked()).resolves.toBe(true);
    await page.getByRole('radio', { name: 'Elke maand' }).check();
    await page.getByLabel('Hoeveel kennismakingen per e-mail, hoogstens?').selectOption('3');
    await page.getByRole('radio', { name: 'Nederlands' }).check();
    await screenshot(page, 'voorkeuren');
    await page.getByRole('button', { name: 'Voorkeuren opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Je voorkeuren zijn opgeslagen.' }).waitFor();
    const saved = await app.db.query<{ digest_frequency: string; locale: string; opted_in: boolean }>(
      `SELECT digest_frequency, locale, opted_in FROM account WHERE email = $1`,
      [email],
    );
    expect(saved.rows[0]).toMatchObject({ digest_frequency: 'MONTHLY', locale: 'nl', opted_in: true });
    await settled();
    await page.reload();
    await expect(page.getByRole('radio', { name: 'Elke maand' }).isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Hoeveel kennismakingen per e-mail, hoogstens?').inputValue()).resolves.toBe('3');

    // Opting out, then pausing, are saved too.
    await page.getByRole('checkbox', { name: 'Ik wil voorstellen voor kennismakingen krijgen' }).uncheck();
    await page.getByRole('button', { name: 'Voorkeuren opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Je voorkeuren zijn opgeslagen.' }).waitFor();
    const optedOut = await app.db.query<{ opted_in: boolean }>(`SELECT opted_in FROM account WHERE email = $1`, [email]);
    expect(optedOut.rows[0]?.opted_in).toBe(false);

    // Export: a JSON file with the person's data.
    await settled();
    await page.goto('/mijn-gegevens');
    await page.getByRole('heading', { level: 1, name: 'Mijn gegevens' }).waitFor();
    await page.getByRole('button', { name: 'Gegevens klaarzetten' }).click();
    const download = page.getByRole('link', { name: 'Download je gegevens (JSON-bestand)' });
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toBe('verbinder-mijn-gegevens.json');
    const exported = await readFile((await file.path())!, 'utf8');
    expect(exported).toContain(email);
    expect(exported).toContain('Kees Toetsenbord');
    expect(() => JSON.parse(exported) as unknown).not.toThrow();

    // Delete: only after confirming; then signed out.
    await page.getByRole('button', { name: 'Account verwijderen' }).click();
    await page.getByRole('button', { name: 'Nee, niet verwijderen' }).click();
    await expect(app.db.query(`SELECT 1 FROM account WHERE email = $1`, [email]).then((r) => r.rowCount)).resolves.toBe(1);
    await page.getByRole('button', { name: 'Account verwijderen' }).click();
    await page.getByRole('button', { name: 'Ja, verwijder mijn account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Je account is verwijderd' }).waitFor();
    await page.getByRole('link', { name: 'Aanmelden' }).waitFor(); // the header: signed out
    expect(await page.evaluate(() => localStorage.getItem('verbinder.session'))).toBeNull();
    await expect(app.db.query(`SELECT 1 FROM account WHERE email = $1`, [email]).then((r) => r.rowCount)).resolves.toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a used link says so and offers a new one; signing in by link alone works with the keyboard', async () => {
    const other = 'lotte.link@example.org';
    await registerAndSignIn(app, { email: other, name: 'Lotte Link' }); // uses the first link
    const { page, context, problems, apiIdle: settled } = await openApp(browser, app, { language: 'nl' });
    await settled();
    await page.goto('/aanmelden');
    await page.getByRole('heading', { level: 1, name: 'Aanmelden' }).waitFor();
    await tabTo(page, 'the email field', (e) => e.tag === 'INPUT' && e.label.startsWith('E-mailadres'));
    await page.keyboard.type(other);
    let before = app.mailbox.messages.length;
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Kijk in je e-mail' }).waitFor();
    const link = await signInLink(other, before);
    expect(new URL(link).searchParams.get('next')).toBeNull();

    // Used once in another browser (a mail scanner would only open it, not confirm)…
    const used = await app.gql<{ signIn: { token: string } }>(`mutation($t: String!) { signIn(token: $t) { token } }`, { t: new URL(link).searchParams.get('token') });
    expect(used.data?.signIn.token).toBeTruthy();
    // …so here it no longer works: a clear message and a way to get a new one.
    await settled();
    await page.goto(localPath(link));
    await tabTo(page, 'the sign-in button', (e) => e.tag === 'BUTTON' && e.text === 'Aanmelden');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Deze aanmeldlink werkt niet meer' }).waitFor();
    expect(page.url()).not.toContain('token=');
    await tabTo(page, 'the email field', (e) => e.tag === 'INPUT' && e.label.startsWith('E-mailadres'));
    await page.keyboard.type(other);
    before = app.mailbox.messages.length;
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Kijk in je e-mail' }).waitFor();
    const fresh = await signInLink(other, before);
    await settled();
    await page.goto(localPath(fresh));
    await tabTo(page, 'the sign-in button', (e) => e.tag === 'BUTTON' && e.text === 'Aanmelden');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/kennismakingen');
    await page.getByText('Aangemeld als Lotte Link').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe.each<Language>(['nl', 'en'])('accessibility in %s', (language) => {
  const routes = () => [
    ['kennisbank', '/kennisbank?q=moestuin', 'h1'],
    ['initiatief', `/initiatieven/${gardenId}`, 'h1'],
    ['aanmelden', '/aanmelden', 'h1'],
    ['aanmelden-bevestigen', '/aanmelden?token=not-a-real-token', 'h1'],
    ['voorkeuren', '/voorkeuren', 'h1'],
    ['mijn-gegevens', '/mijn-gegevens', 'h1'],
  ];
  it.each([['signed out', false], ['signed in', true]])('%s: every route has no violations and no errors', async (_label, signedIn) => {
    const { page, context, problems, apiIdle: settled } = await openApp(browser, app, { language, token: signedIn ? token : undefined });
    for (const [name, path] of routes()) {
      await settled();
      await page.goto(path);
      await page.locator('h1').waitFor();
      await page.locator('[aria-busy="true"]').waitFor({ state: 'detached' });
      if (name === 'kennisbank') await items(page).first().waitFor();
      if (signedIn && name === 'voorkeuren') await page.getByRole('button').filter({ hasText: language === 'nl' ? 'Voorkeuren opslaan' : 'Save preferences' }).waitFor();
      expect({ path, violations: await accessibilityViolations(page) }).toEqual({ path, violations: [] });
      if (signedIn && language === 'nl' && (name === 'kennisbank' || name === 'initiatief')) await screenshot(page, name);
      if (!signedIn && language === 'nl' && name === 'aanmelden') await screenshot(page, 'aanmelden');
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
