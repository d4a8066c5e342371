// The three user journeys of issue #13, end to end in Chromium, with the keyboard alone (Tab,
// Shift+Tab, Enter, Space, arrow keys, typing; page.goto only for a person's first page and
// for a link from an email, as pasting it in the address bar):
// 1. an initiator registers, signs in by the emailed link, goes through the main menu to
//    "Mijn initiatieven", creates an initiative with two needs, finds experts and opens the
//    suggested team, seeing who covers which need and why;
// 2. a professional edits her profile (a municipality typed by its common name, an offered
//    discipline with a level, a sought one), an admin starts a match run, she gets a digest,
//    says yes at /kennismakingen, the other person says yes in his own browser, and both see
//    the other's email address;
// 3. the admin previews a rule change next to the active rules and saves it as a new version,
//    which tops the history.
// Axe (WCAG 2.1 A and AA) at key states, and nothing logged as an error in any browser.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { drain, eventually } from '../support/drain.js';
import { makeFixtures } from '../support/fixtures.js';
import { registerAndSignIn } from '../support/sign-in.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { accessibilityViolations, type AppPage, launchBrowser, localPath, openApp } from './support/browser.js';
import { activate, chooseOption, focused, tabTo, typeInto } from './support/keyboard.js';

const ILSE = { email: 'ilse.journey@example.org', name: 'Ilse Initiatief' };
const PIA = { email: 'pia@example.org', name: 'Pia Profiel' };
const QUINTEN = { email: 'quinten@example.org', name: 'Quinten Quist' };
const SIGN_IN_LINK = /https?:\/\/[^\s"<>]+\/aanmelden\?token=[^\s"<>]+/;

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
  const res = await app.gql(`mutation { setExpertise(offers: [{ discipline: "subsidies", level: EXPERT }], seeks: ["participatie"]) { id } }`, {}, { token: quinten });
  expect(res.errors).toBeUndefined();
  // Experts for the initiator to find; they seek nothing, so no one is introduced to them.
  const make = makeFixtures(app.db);
  await make.professional({ name: 'Kees Kenner', municipalityCode: 'GM0363', hours: 10, headline: 'Adviseur burgerparticipatie', offers: { participatie: 'EXPERT', subsidies: 'EXPERT' } });
  await make.professional({ name: 'Jan Jansen', municipalityCode: 'GM0687', hours: 10, offers: { participatie: 'EXPERIENCED' } });
  // The search index follows the change log in the background.
  await eventually(async () => {
    const found = await app.gql<{ searchExperts: { totalCount: number } }>(`{ searchExperts(input: { disciplines: ["participatie"] }) { totalCount } }`, {}, { token: admin });
    return found.data?.searchExperts.totalCount === 2;
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const status = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text }).first().waitFor();
const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

/**
 * Waits until the page has no API request in flight (for 300 ms). Leaving a page aborts its
 * requests, which the browser reports as failed (a problem): a person reads a page before
 * going on through the menu, and so does this test.
 */
function apiSettled(page: Page): () => Promise<void> {
  let inFlight = 0;
  const api = (request: { url(): string }) => new URL(request.url()).pathname === '/graphql';
  page.on('request', (request) => {
    if (api(request)) inFlight++;
  });
  const done = (request: { url(): string }) => {
    if (api(request)) inFlight--;
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return async () => {
    for (let quiet = 0; quiet < 3; ) {
      await page.waitForTimeout(100);
      quiet = inFlight === 0 ? quiet + 1 : 0;
    }
  };
}

async function noViolations(page: Page, state: string): Promise<void> {
  expect({ state, violations: await accessibilityViolations(page) }).toEqual({ state, violations: [] });
}

async function close(...people: AppPage[]): Promise<void> {
  for (const person of people) await person.context.close();
}

describe('the three journeys of issue #13, with the keyboard only', () => {
  it('an initiator finds a team, two professionals meet through a run, and an admin changes the rules', async () => {
    // ——— 1. The initiator ———
    const ilse = await openApp(browser, app, { language: 'nl' });
    {
      const { page } = ilse;
      const settled = apiSettled(page);
      await page.goto('/aanmelden');
      await h1(page, 'Aanmelden');
      await typeInto(page, { role: 'textbox', name: 'Naam (verplicht)' }, ILSE.name);
      await typeInto(page, { role: 'textbox', name: /^E-mailadres/ }, ILSE.email);
      await tabTo(page, { role: 'combobox', name: /^Sector/ });
      await page.keyboard.type('Burger');
      await expect(page.getByRole('combobox', { name: /^Sector/ }).inputValue()).resolves.toBe('CITIZEN');
      const before = app.mailbox.messages.length;
      await activate(page, { role: 'button', name: 'Account maken' });
      await status(page, 'Kijk in je e-mail');

      const mail = await app.mailbox.waitForMailTo(ILSE.email, before);
      const link = SIGN_IN_LINK.exec(mail.text ?? '')?.[0];
      expect(link).toBeDefined();
      await page.goto(localPath(link!));
      await h1(page, 'Aanmelden bevestigen');
      await activate(page, { role: 'button', name: 'Aanmelden' });
      await h1(page, 'Mijn kennismakingen');
      await page.getByText(`Aangemeld als ${ILSE.name}`).waitFor();

      // Through the main menu to "Mijn initiatieven", then a new one.
      await settled();
      await activate(page, { role: 'link', name: 'Mijn initiatieven' }, 'Enter', { backwards: true });
      await h1(page, 'Mijn initiatieven');
      await status(page, 'Je hebt nog geen initiatieven.');
      await settled();
      await activate(page, { role: 'link', name: 'Een nieuw initiatief aanmaken' });
      await h1(page, 'Nieuw initiatief');
      await noViolations(page, 'nieuw initiatief, leeg');

      await typeInto(page, { role: 'textbox', name: /^Naam van het initiatief/ }, 'Buurtmoestuin Vlissingen');
      await typeInto(page, { role: 'textbox', name: /^Korte samenvatting/ }, 'Een moestuin van en voor de buurt, met een wekelijkse oogstdag.');
      await typeInto(page, { role: 'textbox', name: /^Beschrijving/ }, 'We zoeken hulp bij het betrekken van bewoners en bij subsidies.');
      await typeInto(page, { role: 'combobox', name: /^Gemeente/ }, 'Vlissingen');
      await status(page, 'Gekozen: Vlissingen');
      await tabTo(page, { role: 'combobox', name: /^Fase/ });
      await page.keyboard.press('ArrowDown'); // Idee → In de startfase
      await expect(page.getByRole('combobox', { name: /^Fase/ }).inputValue()).resolves.toBe('STARTING');
      // A theme: filter the hundred disciplines by name, then tick one with Space.
      await typeInto(page, { role: 'searchbox', name: 'Zoek een vakgebied' }, 'groen');
      await activate(page, { role: 'checkbox', name: 'Groenbeheer' }, 'Space');
      await expect(page.getByRole('checkbox', { name: 'Groenbeheer', exact: true }).isChecked()).resolves.toBe(true);

      // Two needs: the first row is there; the second is added, and reached back with Shift+Tab.
      const first = page.getByRole('group', { name: 'Behoefte 1' });
      await tabTo(page, { role: 'combobox', name: 'Vakgebied' });
      await chooseOption(page, 'Participatie', 'participatie');
      await expect(first.getByLabel('Vakgebied').inputValue()).resolves.toBe('participatie');
      await typeInto(page, { role: 'textbox', name: /^Uren per maand/ }, '8');
      await activate(page, { role: 'button', name: 'Behoefte toevoegen' });
      await status(page, '2 behoeften');
      const second = page.getByRole('group', { name: 'Behoefte 2' });
      await tabTo(page, { role: 'combobox', name: 'Vakgebied' }, { backwards: true });
      await chooseOption(page, 'Subsidies', 'subsidies');
      await expect(second.getByLabel('Vakgebied').inputValue()).resolves.toBe('subsidies');
      await activate(page, { role: 'button', name: 'Initiatief aanmaken' });

      await h1(page, 'Buurtmoestuin Vlissingen');
      await status(page, 'Je initiatief is aangemaakt.');
      const initiativeId = /\/mijn-initiatieven\/([0-9a-f-]{36})/.exec(page.url())![1];
      const rows = page.getByRole('row');
      await expect(rows.count()).resolves.toBe(3); // header + two needs
      await expect(rows.nth(1).textContent()).resolves.toContain('Participatie');
      await expect(rows.nth(2).textContent()).resolves.toContain('Subsidies');
      await noViolations(page, 'initiatief aangemaakt');

      // Finding experts: through the menu to "Experts zoeken", by discipline near a place.
      await settled();
      await activate(page, { role: 'link', name: 'Experts zoeken' }, 'Enter', { backwards: true });
      await h1(page, 'Experts zoeken');
      await typeInto(page, { role: 'searchbox', name: 'Zoek een vakgebied' }, 'particip');
      await activate(page, { role: 'checkbox', name: 'Participatie' }, 'Space');
      await typeInto(page, { role: 'combobox', name: /^Plaats/ }, 'Vlissingen');
      await status(page, 'Gekozen: Vlissingen');
      await page.keyboard.press('Enter'); // Enter in a field sends the form
      await status(page, '2 personen gevonden');
      const results = page.getByRole('region', { name: 'Resultaten' });
      expect((await results.getByRole('heading', { level: 3 }).allTextContents()).sort()).toEqual(['Jan Jansen', 'Kees Kenner']);
      const jan = results.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Jan Jansen' }) }).first();
      await jan.getByText('Biedt wat je zoekt: Participatie (Ervaren)').waitFor();
      await noViolations(page, 'experts gevonden');

      // The suggested team: menu → the initiative → "Laat een team voorstellen".
      await settled();
      await activate(page, { role: 'link', name: 'Mijn initiatieven' }, 'Enter', { backwards: true });
      await h1(page, 'Mijn initiatieven');
      await status(page, '1 initiatief');
      await settled();
      await activate(page, { role: 'link', name: 'Buurtmoestuin Vlissingen' });
      await h1(page, 'Buurtmoestuin Vlissingen');
      await settled();
      await activate(page, { role: 'link', name: 'Laat een team voorstellen' });
      await h1(page, 'Team voor Buurtmoestuin Vlissingen');
      expect(localPath(page.url())).toBe(`/mijn-initiatieven/${initiativeId}/team`);
      await status(page, '1 persoon voorgesteld');
      const kees = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Kees Kenner' }) });
      await kees.getByText('Participatie (Ervaren, 8 uur per maand)').waitFor();
      await kees.getByText('Subsidies (Ervaren)').waitFor();
      await kees.getByText('biedt Participatie op niveau expert (gevraagd: ervaren)').waitFor();
      await kees.getByText(/^1[3-6]\d km van Vlissingen$/).waitFor();
      await page.getByText('Alle open behoeften zijn gedekt.').waitFor();
      await noViolations(page, 'team');
    }

    // ——— 2. The professional, the admin's run, and the other person ———
    const piaApp = await openApp(browser, app, { language: 'nl', token: pia });
    const piaSettled = apiSettled(piaApp.page);
    {
      const { page } = piaApp;
      await page.goto('/profiel');
      await h1(page, 'Mijn profiel');
      await expect(page.getByRole('textbox', { name: 'Naam (verplicht)' }).inputValue()).resolves.toBe(PIA.name);
      await typeInto(page, { role: 'combobox', name: /^Gemeente waar je werkt/ }, 'Den Bosch');
      await page.getByText("Gekozen: 's-Hertogenbosch").waitFor();
      await activate(page, { role: 'button', name: 'Gegevens opslaan' });
      await status(page, 'Je gegevens zijn opgeslagen.');

      // What she offers, at a level, and what she seeks.
      await typeInto(page, { role: 'searchbox', name: 'Zoek een vakgebied' }, 'partic');
      await activate(page, { role: 'checkbox', name: 'Participatie' }, 'Space');
      await tabTo(page, { role: 'combobox', name: 'Niveau voor Participatie' });
      await page.keyboard.type('Expert');
      await expect(page.getByLabel('Niveau voor Participatie').inputValue()).resolves.toBe('EXPERT');
      await typeInto(page, { role: 'searchbox', name: 'Zoek een vakgebied' }, 'subsid');
      await activate(page, { role: 'checkbox', name: 'Subsidies' }, 'Space');
      await activate(page, { role: 'button', name: 'Bieden en zoeken opslaan' });
      await status(page, 'Wat je biedt en zoekt is opgeslagen.');
      await noViolations(page, 'profiel opgeslagen');
      const stored = await app.gql<{ me: { professional: Record<string, unknown> } }>(
        `{ me { professional { municipality { code } offers { level discipline { slug } } seeks { slug } } } }`,
        {},
        { token: pia },
      );
      expect(stored.data?.me.professional).toEqual({
        municipality: { code: 'GM0796' },
        offers: [{ level: 'EXPERT', discipline: { slug: 'participatie' } }],
        seeks: [{ slug: 'subsidies' }],
      });
    }

    // The admin starts a run in the web app.
    const adminApp = await openApp(browser, app, { language: 'nl', token: admin });
    {
      const { page } = adminApp;
      await page.goto('/beheer');
      await h1(page, 'Beheer');
      await page.getByRole('heading', { name: 'Actieve regels (versie 1)' }).waitFor();
      const before = app.mailbox.messages.length;
      await activate(page, { role: 'button', name: 'Run nu starten' });
      await status(page, 'De run staat in de wachtrij.');
      await drain(app);
      const digest = await app.mailbox.waitForMailTo(PIA.email, before);
      expect(digest.subject).toMatch(/^\d+ nieuwe kennismaking(en)? voor jou op Verbinder$/);
      expect(digest.text).toContain(`— ${QUINTEN.name}`);
      // The run shows as done on the admin's page.
      await page.getByRole('table', { name: /Runs, nieuwste eerst/ }).getByText('Klaar').waitFor();
    }

    // She says yes in the web app: the menu to "Kennismakingen", Tab to the yes.
    {
      const { page } = piaApp;
      await piaSettled();
      await activate(page, { role: 'link', name: 'Kennismakingen' }, 'Enter', { backwards: true });
      await h1(page, 'Mijn kennismakingen');
      const card = page.getByRole('article', { name: QUINTEN.name });
      await card.getByText('Wacht op je antwoord').waitFor();
      await noViolations(page, 'kennismakingen, nieuw');
      await activate(page, { role: 'button', name: `Ja, graag kennismaken met ${QUINTEN.name}` });
      await card.getByRole('status').filter({ hasText: `Je zei ja tegen de kennismaking met ${QUINTEN.name}.` }).waitFor();
      // The buttons are gone; focus went on to what happened, not to the page's start.
      await expect(focused(page)).resolves.toMatchObject({ role: 'status' });
      await card.getByText(`Je zei ja. Zodra ${QUINTEN.name} ook ja zegt`).waitFor();
    }

    // He says yes too, in English, in his own browser, and sees her address.
    const before = app.mailbox.messages.length;
    const quintenApp = await openApp(browser, app, { language: 'en', token: quinten });
    {
      const { page } = quintenApp;
      await page.goto('/kennismakingen');
      await h1(page, 'My introductions');
      await page.getByRole('article', { name: PIA.name }).getByText('Awaiting your answer').waitFor();
      await activate(page, { role: 'button', name: `Yes, I would like to meet ${PIA.name}` });
      await status(page, `You both said yes: you now see the email address of ${PIA.name}.`);
      const piaLink = page.getByRole('link', { name: PIA.email });
      await piaLink.waitFor();
      await expect(piaLink.getAttribute('href')).resolves.toBe(`mailto:${PIA.email}`);
      await noViolations(page, 'introductions, connected (en)');
    }

    // She is told by email; its link opens /kennismakingen with his address.
    {
      const { page } = piaApp;
      const mail = await app.mailbox.waitForMailTo(PIA.email, before);
      const link = /(https?:\/\/\S+\/kennismakingen)\b/.exec(mail.text ?? '')?.[1];
      expect(link).toBeDefined();
      await piaSettled();
      await page.goto(localPath(link!));
      const card = page.getByRole('article', { name: QUINTEN.name });
      await card.getByRole('link', { name: QUINTEN.email }).waitFor();
      await expect(card.getByRole('link', { name: QUINTEN.email }).getAttribute('href')).resolves.toBe(`mailto:${QUINTEN.email}`);
      expect(await card.textContent()).toContain('Jullie zeiden allebei ja');
    }

    // ——— 3. The admin changes the rules: a preview next to the active rules, then saved ———
    {
      const { page } = adminApp;
      await typeInto(page, { role: 'textbox', name: /^Minimale score/ }, '0,99', { backwards: true });
      await activate(page, { role: 'button', name: 'Voorbeeld bekijken' });
      await status(page, 'Het voorbeeld staat hieronder');
      const preview = page.getByRole('region', { name: 'Voorbeeld van de wijziging' });
      const activeHeading = preview.getByRole('heading', { name: 'Beste voorstellen met de actieve regels' });
      const changedHeading = preview.getByRole('heading', { name: 'Beste voorstellen met de gewijzigde regels' });
      // Side by side: the two columns start at the same height, the changed one to the right.
      const [a, c] = [await activeHeading.boundingBox(), await changedHeading.boundingBox()];
      expect(a && c && Math.abs(a.y - c.y) < 2 && c.x > a.x + a.width).toBe(true);
      const stats = page.getByRole('table', { name: 'Uitkomst van een run met de actieve en de gewijzigde regels' });
      await expect(stats.getByRole('row', { name: /Voorgestelde kennismakingen/ }).getByRole('cell').count()).resolves.toBe(3);
      await noViolations(page, 'beheer, voorbeeld');

      await typeInto(page, { role: 'textbox', name: /^Toelichting bij deze versie/ }, 'Alleen sterke matches');
      await activate(page, { role: 'button', name: 'Regels opslaan als nieuwe versie' });
      await status(page, 'Versie 2 is opgeslagen en is nu actief.');
      await page.getByRole('heading', { name: 'Actieve regels (versie 2)' }).waitFor();
      const history = page.getByRole('table', { name: 'Geschiedenis van de regels' });
      const top = history.getByRole('row').nth(1);
      await expect(top.getByRole('rowheader').textContent()).resolves.toBe('2');
      const cells = await top.getByRole('cell').allTextContents();
      expect(cells.slice(1, 4)).toEqual(['Ada Admin', 'Alleen sterke matches', expect.stringMatching(/^Minimale score: 0,\d+ → 0,99$/)]);
      await noViolations(page, 'beheer, versie 2');
    }

    for (const [who, person] of Object.entries({ ilse, pia: piaApp, admin: adminApp, quinten: quintenApp })) {
      expect({ who, problems: person.problems }).toEqual({ who, problems: [] });
    }
    await close(ilse, piaApp, adminApp, quintenApp);
  }, 240_000);
});
