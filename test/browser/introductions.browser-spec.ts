// /profiel and /kennismakingen in Chromium, with the real API: a professional edits her profile
// (a municipality typed by its common name, what she offers at a level and what she seeks) and
// the API has it; an admin's match run introduces her to someone complementary; she says yes with
// the keyboard only, he says yes in another browser, both see the other's address, the
// connection email links to /kennismakingen, and she rates it useful. Both routes have no
// accessibility violations (WCAG 2.1 A and AA), signed out and in, in Dutch and English.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { drain } from '../support/drain.js';
import { registerAndSignIn } from '../support/sign-in.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { accessibilityViolations, type Language, launchBrowser, localPath, openApp, screenshot } from './support/browser.js';

const PIA = { email: 'pia@example.org', name: 'Pia Profiel' };
const QUINTEN = { email: 'quinten@example.org', name: 'Quinten Quist' };
const MY_PROFILE = `{ me { professional { name headline organisation sector scope availableHoursPerMonth bio
  municipality { code name } offers { level discipline { slug } } seeks { slug } } } }`;

let app: TestApp;
let browser: Browser;
let admin: string;
let pia: string;
let quinten: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  ({ token: admin } = await registerAndSignIn(app, { email: 'admin@example.org', name: 'Ada Admin' }));
  ({ token: pia } = await registerAndSignIn(app, { ...PIA, sector: 'CITIZEN' }));
  ({ token: quinten } = await registerAndSignIn(app, { ...QUINTEN, sector: 'BUSINESS', municipalityCode: 'GM0796', locale: 'en' }));
  const res = await app.gql(
    `mutation { setExpertise(offers: [{ discipline: "subsidies", level: EXPERT }], seeks: ["participatie"]) { id } }`,
    {},
    { token: quinten },
  );
  expect(res.errors).toBeUndefined();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function heading(page: Page): Promise<string | null> {
  return page.getByRole('heading', { level: 1 }).textContent();
}

describe.each<[Language, string]>([
  ['nl', 'Aanmelden nodig'],
  ['en', 'Sign-in needed'],
])('signed out, in %s', (language, title) => {
  it.each(['/profiel', '/kennismakingen'])('%s asks to sign in, and is accessible', async (path) => {
    const { page, context, problems } = await openApp(browser, app, { language });
    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const signIn = page.getByRole('main').getByRole('link', { name: language === 'nl' ? 'Aanmelden' : 'Sign in' });
    expect(await signIn.getAttribute('href')).toBe(`/aanmelden?next=${encodeURIComponent(path)}`);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('/profiel', () => {
  it('a professional edits her profile, with an error next to a field, and the API has it', async () => {
    const { page, context, problems, apiIdle } = await openApp(browser, app, { language: 'nl', token: pia });
    await page.goto('/profiel');
    expect(await page.getByRole('heading', { level: 1, name: 'Mijn profiel' }).textContent()).toBe('Mijn profiel');
    expect(await page.getByRole('textbox', { name: 'Naam (verplicht)' }).inputValue()).toBe(PIA.name);

    await page.getByLabel('Korte omschrijving').fill('Buurtcoach en participatiekenner');
    await page.getByRole('textbox', { name: 'Organisatie (niet verplicht)' }).fill('Wijkteam Noord');
    await page.getByRole('combobox', { name: 'Sector (verplicht)' }).selectOption({ label: 'Overheid' });
    await page.getByLabel('Gemeente waar je werkt').fill('Den Bosch');
    await page.getByText("Gekozen: 's-Hertogenbosch").waitFor();
    await page.getByLabel('Waar je wilt helpen').selectOption({ label: 'In mijn provincie' });
    await page.getByLabel('Beschikbare uren per maand').fill('500');
    await page.getByLabel('Over jou').fill('Ik help bewoners hun plannen samen te maken.');

    // Too many hours: the error is next to the field, announced, and the field has focus.
    await page.getByRole('button', { name: 'Gegevens opslaan' }).click();
    const hoursError = page.getByRole('alert').filter({ hasText: 'Vul een heel getal in van 0 tot en met 160' });
    await hoursError.waitFor();
    const hours = page.getByLabel('Beschikbare uren per maand');
    expect(await hours.getAttribute('aria-invalid')).toBe('true');
    expect(await hours.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await hours.getAttribute('aria-describedby')).toContain(await hoursError.getAttribute('id'));

    await hours.fill('8');
    await page.getByRole('button', { name: 'Gegevens opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Je gegevens zijn opgeslagen.' }).waitFor();
    expect(await hoursError.count()).toBe(0);

    // What she offers, at a level, and what she seeks, by name from the taxonomy.
    const offers = page.getByRole('group', { name: 'Wat ik bied' });
    await offers.getByLabel('Zoek een vakgebied').fill('partic');
    await offers.getByRole('checkbox', { name: 'Participatie', exact: true }).check();
    await page.getByLabel('Niveau voor Participatie').selectOption({ label: 'Expert' });
    const seeks = page.getByRole('group', { name: 'Wat ik zoek' });
    await seeks.getByRole('checkbox', { name: 'Subsidies', exact: true }).check();
    await page.getByRole('button', { name: 'Bieden en zoeken opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Wat je biedt en zoekt is opgeslagen.' }).waitFor();

    const res = await app.gql<{ me: { professional: Record<string, unknown> } }>(MY_PROFILE, {}, { token: pia });
    expect(res.data?.me.professional).toEqual({
      name: PIA.name,
      headline: 'Buurtcoach en participatiekenner',
      organisation: 'Wijkteam Noord',
      sector: 'GOVERNMENT',
      scope: 'PROVINCE',
      availableHoursPerMonth: 8,
      bio: 'Ik help bewoners hun plannen samen te maken.',
      municipality: { code: 'GM0796', name: "'s-Hertogenbosch" },
      offers: [{ level: 'EXPERT', discipline: { slug: 'participatie' } }],
      seeks: [{ slug: 'subsidies' }],
    });

    // A new visit shows what was saved (once the refetches that saving started are done: a
    // reload would cancel them, which the browser reports as failed requests).
    await apiIdle();
    await page.reload();
    expect(await page.getByLabel('Gemeente waar je werkt').inputValue()).toBe("'s-Hertogenbosch");
    expect(await page.getByLabel('Niveau voor Participatie').inputValue()).toBe('EXPERT');
    expect(await page.getByRole('group', { name: 'Wat ik zoek' }).getByRole('checkbox', { name: 'Subsidies', exact: true }).isChecked()).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'profiel');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('is accessible in English too', async () => {
    const { page, context, problems } = await openApp(browser, app, { language: 'en', token: pia });
    await page.goto('/profiel');
    await page.getByLabel('Level for Citizen participation').waitFor();
    expect(await heading(page)).toBe('My profile');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('/kennismakingen', () => {
  it('before a run: none yet, said so, accessible', async () => {
    const { page, context, problems } = await openApp(browser, app, { language: 'nl', token: pia });
    await page.goto('/kennismakingen');
    await page.getByRole('status').filter({ hasText: 'Je hebt nog geen kennismakingen.' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an introduction from a run: accepted by keyboard, accepted by the other, both see the address, rated useful', async () => {
    const triggered = await app.gql<{ triggerMatchRun: { id: string } }>(`mutation { triggerMatchRun { id } }`, {}, { token: admin });
    expect(triggered.errors).toBeUndefined();
    const runId = triggered.data!.triggerMatchRun.id;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const run = await app.gql<{ matchRun: { status: string; error: string | null } }>(`query($id: ID!) { matchRun(id: $id) { status error } }`, { id: runId }, { token: admin });
      const status = run.data?.matchRun.status;
      if (status === 'COMPLETED') break;
      if (status === 'FAILED' || Date.now() > deadline) throw new Error(`Run ${runId}: ${JSON.stringify(run)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await drain(app);

    // Pia answers with the keyboard only.
    const piaApp = await openApp(browser, app, { language: 'nl', token: pia });
    const { page } = piaApp;
    await page.goto('/kennismakingen');
    const card = page.getByRole('article', { name: QUINTEN.name });
    await card.waitFor();
    await page.getByRole('status').filter({ hasText: '1 kennismaking' }).waitFor();
    expect(await card.textContent()).toContain('Wacht op je antwoord');
    expect(await card.getByRole('heading', { level: 3, name: 'Waarom Verbinder jullie voorstelt' }).count()).toBe(1);
    expect(await card.getByRole('listitem').count()).toBeGreaterThan(0);
    expect(await card.textContent()).toContain("'s-Hertogenbosch");
    expect(await card.getByRole('link', { name: /@/ }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    const accept = `Ja, graag kennismaken met ${QUINTEN.name}`;
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate((name) => document.activeElement?.textContent === name, accept);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    // Focus moves from the buttons (gone now) to what happened.
    await card.getByRole('status').filter({ hasText: 'Je zei ja' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'status', undefined, { timeout: 5000 });
    await card.getByRole('status').filter({ hasText: `Je zei ja tegen de kennismaking met ${QUINTEN.name}.` }).waitFor();
    await card.getByText(`Je zei ja. Zodra ${QUINTEN.name} ook ja zegt`).waitFor();
    expect(await page.getByRole('button', { name: accept }).count()).toBe(0);

    // Quinten, in English in his own browser, says yes too and sees her address.
    const before = app.mailbox.messages.length;
    const quintenApp = await openApp(browser, app, { language: 'en', token: quinten });
    await quintenApp.page.goto('/kennismakingen');
    // Pia's yes is not shown to him: to him it waits for his answer.
    const piaCard = quintenApp.page.getByRole('article', { name: PIA.name });
    await piaCard.getByText('Awaiting your answer').waitFor();
    await quintenApp.page.getByRole('button', { name: `Yes, I would like to meet ${PIA.name}` }).click();
    await quintenApp.page.getByRole('status').filter({ hasText: `You both said yes: you now see the email address of ${PIA.name}.` }).waitFor();
    const piaLink = quintenApp.page.getByRole('link', { name: PIA.email });
    await piaLink.waitFor();
    expect(await piaLink.getAttribute('href')).toBe(`mailto:${PIA.email}`);
    expect(await accessibilityViolations(quintenApp.page)).toEqual([]);
    expect(quintenApp.problems).toEqual([]);
    await quintenApp.context.close();

    // The email on connecting links to /kennismakingen, where she sees his address.
    const mail = await app.mailbox.waitForMailTo(PIA.email, before);
    const link = /(https?:\/\/\S+\/kennismakingen)\b/.exec(mail.text ?? '')?.[1];
    expect(link).toBeDefined();
    expect(mail.html || '').toContain(`href="${link}"`);
    await page.goto(localPath(link!));
    const quintenLink = card.getByRole('link', { name: QUINTEN.email });
    await quintenLink.waitFor();
    expect(await quintenLink.getAttribute('href')).toBe(`mailto:${QUINTEN.email}`);
    expect(await card.textContent()).toContain('Jullie zeiden allebei ja');

    // Rating: asks for a choice first, then stores it.
    await card.getByRole('button', { name: 'Beoordeling versturen' }).click();
    await card.getByRole('alert').filter({ hasText: 'Kies ja of nee.' }).waitFor();
    await card.getByLabel('Ja, nuttig').check();
    await card.getByLabel('Toelichting').fill('Goed gesprek gehad.');
    await card.getByRole('button', { name: 'Beoordeling versturen' }).click();
    await card.getByRole('status').filter({ hasText: 'Dank je, je beoordeling is opgeslagen.' }).waitFor();
    const stored = await app.db.query<{ useful: boolean; comment: string }>(
      `SELECT CASE WHEN i.a_id = p.id THEN a_useful ELSE b_useful END AS useful, CASE WHEN i.a_id = p.id THEN a_comment ELSE b_comment END AS comment
       FROM introduction i JOIN account p ON p.email = $1 WHERE i.a_id = p.id OR i.b_id = p.id`,
      [PIA.email],
    );
    expect(stored.rows).toEqual([{ useful: true, comment: 'Goed gesprek gehad.' }]);
    await piaApp.apiIdle();
    await page.reload();
    await card.getByText('Je gaf eerder aan dat ze nuttig was').waitFor();
    expect(await card.getByLabel('Ja, nuttig').isChecked()).toBe(true);

    // The status filter.
    await page.getByLabel('Toon').selectOption({ label: 'Verlopen' });
    await page.getByRole('status').filter({ hasText: 'Er zijn geen kennismakingen met deze status.' }).waitFor();
    await page.getByLabel('Toon').selectOption({ label: 'Jullie zeiden allebei ja' });
    await card.waitFor();

    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'kennismakingen');
    expect(piaApp.problems).toEqual([]);
    await piaApp.context.close();
  });

  it('is accessible in English with an introduction', async () => {
    const { page, context, problems } = await openApp(browser, app, { language: 'en', token: pia });
    await page.goto('/kennismakingen');
    await page.getByRole('link', { name: QUINTEN.email }).waitFor();
    expect(await heading(page)).toBe('My introductions');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
