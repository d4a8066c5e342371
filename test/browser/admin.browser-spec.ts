// `/beheer` in Chromium, as an admin uses it: the match rules with a preview of a change next
// to the active rules, saving it as a new version; starting a run and seeing its rates in the
// table and the chart; sending a failed email again (keyboard only) and opening the queue
// dashboard without the session token in any address. Axe on every state, in Dutch and English,
// and the refusal a signed-in non-admin sees.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { drain } from '../support/drain.js';
import { makeFixtures } from '../support/fixtures.js';
import { registerAndSignIn, tokenFromEmail } from '../support/sign-in.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { accessibilityViolations, type Language, launchBrowser, openApp, screenshot } from './support/browser.js';

let app: TestApp;
let browser: Browser;
let admin: string;
let user: string;
const people: Record<'anna' | 'bob', { id: string; email: string }> = {
  anna: { id: '', email: 'anna@example.org' },
  bob: { id: '', email: 'bob@example.org' },
};

async function signInExisting(email: string): Promise<string> {
  const before = app.mailbox.messages.length;
  await app.gql(`mutation($e: String!) { requestSignInLink(email: $e) }`, { e: email });
  const mail = await app.mailbox.waitForMailTo(email, before);
  const res = await app.gql<{ signIn: { token: string } }>(`mutation($t: String!) { signIn(token: $t) { token } }`, { t: tokenFromEmail(mail.text ?? '') });
  return res.data!.signIn.token;
}

async function failedEmail(to: string, error: string): Promise<string> {
  const id = randomUUID();
  await app.db.query(
    `INSERT INTO email_outbox (id, idempotency_key, kind, account_id, status, last_error) VALUES ($1, $2, 'paused', $3, 'FAILED', $4)`,
    [id, `paused:browser:${id}`, to, error],
  );
  return id;
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  ({ token: admin } = await registerAndSignIn(app, { email: 'admin@example.org', name: 'Ada Admin' }));
  ({ token: user } = await registerAndSignIn(app, { email: 'uma@example.org', name: 'Uma User' }));
  // Two people who each offer what the other seeks: one introduction per run.
  const make = makeFixtures(app.db);
  people.anna.id = await make.professional({ name: 'Anna', email: people.anna.email, municipalityCode: 'GM0363', offers: { participatie: 'EXPERT' }, seeks: ['subsidies'] });
  people.bob.id = await make.professional({ name: 'Bob', email: people.bob.email, municipalityCode: 'GM0363', offers: { subsidies: 'EXPERT' }, seeks: ['participatie'] });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function openBeheer(language: Language, token: string | undefined): Promise<{ page: Page; close(): Promise<void>; problems: string[] }> {
  const { page, context, problems } = await openApp(browser, app, { language, token });
  await page.goto('/beheer');
  return { page, problems, close: () => context.close() };
}

describe('who may see /beheer', () => {
  it.each<[Language, string, string]>([
    ['nl', 'Aanmelden nodig', 'Alleen voor beheerders'],
    ['en', 'Sign-in needed', 'Admins only'],
  ])('in %s: a visitor is asked to sign in and a non-admin is refused, accessibly', async (language, signInTitle, refusal) => {
    const visitor = await openBeheer(language, undefined);
    await visitor.page.getByRole('heading', { level: 1, name: signInTitle }).waitFor();
    expect(await accessibilityViolations(visitor.page)).toEqual([]);
    expect(visitor.problems).toEqual([]);
    await visitor.close();

    const other = await openBeheer(language, user);
    await other.page.getByRole('heading', { level: 1, name: refusal }).waitFor();
    await expect(other.page.getByText(language === 'nl' ? 'alleen voor beheerders van Verbinder' : "for Verbinder's admins only").count()).resolves.toBe(1);
    // No admin data and no admin link.
    await expect(other.page.getByRole('heading', { name: language === 'nl' ? 'Matchregels' : 'Match rules' }).count()).resolves.toBe(0);
    await expect(other.page.getByRole('link', { name: language === 'nl' ? 'Beheer' : 'Admin' }).count()).resolves.toBe(0);
    expect(await accessibilityViolations(other.page)).toEqual([]);
    expect(other.problems).toEqual([]);
    await other.close();
  });
});

describe('an admin on /beheer', () => {
  it.each<[Language, string]>([
    ['nl', 'Beheer'],
    ['en', 'Admin'],
  ])('in %s: shows the active rules, the history, runs and failed emails, accessibly', async (language, title) => {
    const { page, problems, close } = await openBeheer(language, admin);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await page.title()).toBe(`${title} — Verbinder`);
    await page.getByRole('heading', { name: language === 'nl' ? 'Actieve regels (versie 1)' : 'Active rules (version 1)' }).waitFor();
    await page.getByText(language === 'nl' ? 'Er zijn nog geen runs geweest.' : 'There have been no runs yet.').waitFor();
    await page.getByText(language === 'nl' ? 'Er zijn geen mislukte e-mails.' : 'There are no failed emails.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await close();
  });

  it('previews a rule change next to the active rules, refuses what the API refuses at its field, saves it and shows the new version first', async () => {
    const { page, problems, close } = await openBeheer('nl', admin);
    await page.getByRole('heading', { name: 'Actieve regels (versie 1)' }).waitFor();
    const minScore = page.getByRole('textbox', { name: /^Minimale score/ });

    // Checked here first, with the API's limits.
    await minScore.fill('2');
    await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
    await page.getByRole('alert').getByText('Eén veld is nog niet goed ingevuld').waitFor();
    await expect(minScore.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByText('Vul een getal in van 0 tot en met 1.').count()).resolves.toBe(1);
    expect(await minScore.getAttribute('aria-describedby')).toContain('-error');

    // What only the API can check (the cron pattern) is shown at its field too.
    await minScore.fill('0,99');
    const schedule = page.getByRole('textbox', { name: /^Planning/ });
    const pattern = await schedule.inputValue();
    await schedule.fill('elke maandag');
    await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
    await page.getByText(/Verbinder accepteert dit niet: schedule "elke maandag" is not a valid cron pattern/).waitFor();
    await expect(schedule.getAttribute('aria-invalid')).resolves.toBe('true');
    await schedule.fill(pattern);

    await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
    await page.getByRole('status').getByText('Het voorbeeld staat hieronder').waitFor();
    const stats = page.getByRole('table', { name: 'Uitkomst van een run met de actieve en de gewijzigde regels' });
    const proposed = await stats.getByRole('row', { name: /Voorgestelde kennismakingen/ }).getByRole('cell').allTextContents();
    expect(proposed).toEqual(['1', '0', '-1']);
    const preview = page.getByRole('region', { name: 'Voorbeeld van de wijziging' });
    const activeSide = preview.locator('div', { has: page.getByRole('heading', { name: 'Beste voorstellen met de actieve regels' }) }).last();
    await expect(activeSide.getByRole('listitem').first().textContent()).resolves.toMatch(/(Anna en Bob|Bob en Anna).*score/);
    const changedSide = preview.locator('div', { has: page.getByRole('heading', { name: 'Beste voorstellen met de gewijzigde regels' }) }).last();
    await expect(changedSide.getByText('Geen voorstellen.').count()).resolves.toBe(1);
    // The reasons of a suggestion, as the person would read them.
    await expect(activeSide.getByRole('listitem').first().getByRole('listitem').count()).resolves.toBeGreaterThan(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('textbox', { name: /^Toelichting bij deze versie/ }).fill('Alleen sterke matches');
    // The preview was of the form before the note; a note changes no outcome, so it still stands.
    await page.getByRole('button', { name: 'Regels opslaan als nieuwe versie' }).click();
    await page.getByRole('status').getByText('Versie 2 is opgeslagen en is nu actief.').waitFor();
    await page.getByRole('heading', { name: 'Actieve regels (versie 2)' }).waitFor();
    const history = page.getByRole('table', { name: 'Geschiedenis van de regels' });
    const top = history.getByRole('row').nth(1);
    await expect(top.getByRole('rowheader').textContent()).resolves.toBe('2');
    const topCells = await top.getByRole('cell').allTextContents();
    expect(topCells[1]).toBe('Ada Admin');
    expect(topCells[2]).toBe('Alleen sterke matches');
    expect(topCells[3]).toMatch(/^Minimale score: 0,\d+ → 0,99$/);
    await expect(history.getByRole('row').nth(2).getByRole('cell').last().textContent()).resolves.toBe('Eerste versie');
    // Stored as the API answers it.
    const stored = await app.gql<{ matchRuleSet: { version: number; minScore: number; note: string } }>(`{ matchRuleSet { version minScore note } }`, {}, { token: admin });
    expect(stored.data!.matchRuleSet).toEqual({ version: 2, minScore: 0.99, note: 'Alleen sterke matches' });
    expect(problems).toEqual([]);
    await close();
  });

  it('starts a run and shows its rates in the table and the chart', async () => {
    const { page, problems, close } = await openBeheer('nl', admin);
    await page.getByText('Er zijn nog geen runs geweest.').waitFor();
    // The test before made the rules strict (0.99); back to what lets Anna and Bob meet (version 3).
    const relaxed = await app.gql(`mutation { updateMatchRules(input: { minScore: 0.1 }) { version } }`, {}, { token: admin });
    expect(relaxed.data).toEqual({ updateMatchRules: { version: 3 } });
    await page.getByRole('button', { name: 'Run nu starten' }).click();
    await page.getByRole('status').getByText('De run staat in de wachtrij.').waitFor();
    await drain(app);
    // Anna says yes to the introduction the run made.
    const anna = await signInExisting(people.anna.email);
    const mine = await app.gql<{ myIntroductions: { edges: { node: { id: string } }[] } }>(`{ myIntroductions { edges { node { id } } } }`, {}, { token: anna });
    expect(mine.data!.myIntroductions.edges).toHaveLength(1);
    const answered = await app.gql(`mutation($id: ID!) { respondToIntroduction(id: $id, accept: true) { status } }`, { id: mine.data!.myIntroductions.edges[0].node.id }, { token: anna });
    expect(answered.errors).toBeUndefined();

    await page.reload();
    const table = page.getByRole('table', { name: /Runs, nieuwste eerst \(1 van 1\)/ });
    const row = table.getByRole('row').nth(1);
    await row.getByText('Klaar').waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    // status, kind, rules version, proposed, accepted, found useful
    expect(cells).toEqual(['Klaar', 'Echte run', '3', '1', '100%', '0%']);
    const chart = page.getByRole('img', { name: /Lijngrafiek van 1 run: in de laatste run 100% geaccepteerd en 0% nuttig gevonden/ });
    await expect(chart.count()).resolves.toBe(1);
    await expect(page.getByRole('figure').getByText('De getallen staan ook in de tabel hieronder.').count()).resolves.toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await close();
  });

  it('sends a failed email again with the keyboard only, then opens the queue dashboard without a token in the address', async () => {
    await failedEmail(people.bob.id, 'SMTP 451 try later');
    const { page, problems, close } = await openBeheer('nl', admin);
    const table = page.getByRole('table', { name: /Mislukte e-mails \(1 van 1\)/ });
    await table.waitFor();
    await expect(table.getByRole('row').nth(1).getByRole('rowheader').textContent()).resolves.toBe('Bob');
    await expect(table.getByText('SMTP 451 try later').count()).resolves.toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'beheer');

    // Tab to the button, then Enter: no mouse.
    const target = 'Opnieuw versturen: Gepauzeerd aan Bob';
    let reached = false;
    for (let i = 0; i < 120 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate((name) => document.activeElement?.getAttribute('aria-label') === name, target);
    }
    expect(reached).toBe(true);
    const before = app.mailbox.messages.length;
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('De e-mail aan Bob staat weer in de wachtrij.').waitFor();
    await page.getByText('Er zijn geen mislukte e-mails.').waitFor();
    const mail = await app.mailbox.waitForMailTo(people.bob.email, before);
    expect(mail.subject).toBe('We sturen je even geen voorstellen meer');
    expect(problems).toEqual([]);

    // The dashboard: its own cookie, set by a fetch with the bearer header; no ?token= anywhere.
    const addresses: string[] = [];
    page.on('request', (request) => addresses.push(request.url()));
    await page.getByRole('button', { name: 'Dashboard van de wachtrijen openen' }).click();
    await page.waitForURL('**/admin/queues');
    await page.getByText('Verbinder').first().waitFor();
    expect(addresses.filter((url) => url.includes('token'))).toEqual([]);
    expect(addresses.some((url) => new URL(url).pathname === '/admin/queues')).toBe(true);
    await close();
  });
});
