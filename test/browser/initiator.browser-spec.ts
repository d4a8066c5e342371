// The initiator's pages in Chromium: an initiator creates an initiative with two needs, keeps
// its needs up to date, finds experts (by discipline and place, by text alone, page by page)
// and sees a suggested team with the reasons; every page without accessibility violations
// (WCAG 2.1 A and AA) in Dutch and English, signed out and in, and nothing logged as an error.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { eventually } from '../support/drain.js';
import { makeFixtures } from '../support/fixtures.js';
import { registerAndSignIn } from '../support/sign-in.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { accessibilityViolations, type Language, launchBrowser, openApp, screenshot } from './support/browser.js';

let app: TestApp;
let browser: Browser;
let ilse: { token: string; id: string };
let stranger: { token: string; id: string };
/** Created in the browser by the first test. */
let initiativeId = '';

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  ilse = await registerAndSignIn(app, { email: 'ilse@example.org', name: 'Ilse Initiatief', municipalityCode: 'GM0718' });
  stranger = await registerAndSignIn(app, { email: 'stan@example.org', name: 'Stan Vreemd' });
  const make = makeFixtures(app.db);
  await make.professional({ name: 'Kees Kenner', municipalityCode: 'GM0363', hours: 10, headline: 'Adviseur burgerparticipatie', offers: { participatie: 'EXPERT', subsidies: 'EXPERT' } });
  await make.professional({ name: 'Jan Jansen', municipalityCode: 'GM0687', hours: 10, offers: { participatie: 'EXPERIENCED' } });
  await make.professional({ name: 'Anna de Wit', municipalityCode: 'GM0718', sector: 'GOVERNMENT', hours: 8, bio: 'Werkt in de wijken van Vlissingen', offers: { groenbeheer: 'BASIC' } });
  // Twelve people for impactmeting: more than one page of results (10).
  for (let i = 1; i <= 12; i++) {
    await make.professional({ name: `Impact ${String(i).padStart(2, '0')}`, municipalityCode: 'GM0599', hours: i, offers: { impactmeting: 'EXPERIENCED' } });
  }
  // The search index follows the change log in the background.
  await eventually(async () => {
    const res = await app.gql<{ searchExperts: { totalCount: number } }>(`{ searchExperts(input: { disciplines: ["impactmeting"] }) { totalCount } }`, {}, { token: ilse.token });
    return res.data?.searchExperts.totalCount === 12;
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const status = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text }).first().waitFor();

/** Presses Tab until the focused element has this accessible label (or text), as a keyboard user would. */
async function tabTo(page: Page, label: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const id = el.id;
      const label = id ? document.querySelector(`label[for="${CSS.escape(id)}"]`)?.textContent : null;
      return (label ?? el.textContent ?? '').trim();
    });
    if (name.startsWith(label)) return;
  }
  throw new Error(`Tab never reached "${label}"`);
}

describe('an initiator', () => {
  it('creates an initiative with two needs, with errors shown next to the fields first', async () => {
    const { page, context, problems } = await openApp(browser, app, { language: 'nl', token: ilse.token });
    await page.goto('/mijn-initiatieven');
    await page.getByRole('heading', { level: 1, name: 'Mijn initiatieven' }).waitFor();
    await status(page, 'Je hebt nog geen initiatieven.');
    await page.getByRole('link', { name: 'Een nieuw initiatief aanmaken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nieuw initiatief' }).waitFor();

    // Sending it empty: a summary, each error next to its field, focus on the first.
    await page.getByRole('button', { name: 'Initiatief aanmaken' }).click();
    await page.getByRole('alert').filter({ hasText: 'Er zijn 4 fouten' }).waitFor();
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement).id)).resolves.toBe(
      await page.getByLabel('Naam van het initiatief').getAttribute('id'),
    );
    await expect(page.getByLabel('Naam van het initiatief').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Naam van het initiatief').getAttribute('maxlength')).resolves.toBe('200');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Naam van het initiatief').fill('Buurtmoestuin Vlissingen');
    await page.getByLabel('Korte samenvatting').fill('Een moestuin van en voor de buurt, met een wekelijkse oogstdag.');
    await page.getByLabel('Beschrijving').fill('We zoeken hulp bij het betrekken van bewoners en bij subsidies.');
    await page.getByLabel('Gemeente').fill('Vlissingen');
    await status(page, 'Gekozen: Vlissingen');
    await page.getByLabel('Fase').selectOption('STARTING');
    await page.getByLabel('Zoek een vakgebied').fill('Groen');
    await page.getByLabel('Groenbeheer').check();

    const first = page.getByRole('group', { name: 'Behoefte 1' });
    await first.getByLabel('Vakgebied').selectOption('participatie');
    await first.getByLabel('Niveau').selectOption('EXPERIENCED');
    await first.getByLabel('Uren per maand').fill('8');
    await page.getByRole('button', { name: 'Behoefte toevoegen' }).click();
    const second = page.getByRole('group', { name: 'Behoefte 2' });
    await second.getByLabel('Vakgebied').selectOption('subsidies');
    await second.getByLabel('Niveau').selectOption('BASIC');
    await second.getByLabel('Uren per maand').fill('500');
    // A third one, removed again.
    await page.getByRole('button', { name: 'Behoefte toevoegen' }).click();
    await status(page, '3 behoeften');
    await page.getByRole('button', { name: 'Verwijder behoefte 3' }).click();
    await status(page, '2 behoeften');

    await page.getByRole('button', { name: 'Initiatief aanmaken' }).click();
    await page.getByRole('alert').filter({ hasText: 'Er is 1 fout' }).waitFor();
    await page.getByText('Vul een heel aantal uren in van 1 tot 160, of laat het leeg.').waitFor();
    await second.getByLabel('Uren per maand').fill('');
    await page.getByRole('button', { name: 'Initiatief aanmaken' }).click();

    await page.getByRole('heading', { level: 1, name: 'Buurtmoestuin Vlissingen' }).waitFor();
    await status(page, 'Je initiatief is aangemaakt.');
    initiativeId = /\/mijn-initiatieven\/([0-9a-f-]{36})/.exec(page.url())![1];
    const rows = page.getByRole('row');
    await expect(rows.count()).resolves.toBe(3); // header + two needs
    // Needs are listed by discipline name.
    await expect(rows.nth(1).textContent()).resolves.toContain('Participatie');
    await expect(rows.nth(1).textContent()).resolves.toContain('Ervaren');
    await expect(rows.nth(2).textContent()).resolves.toContain('Subsidies');
    await expect(page.getByRole('link', { name: 'Bekijk de openbare pagina in de kennisbank' }).getAttribute('href')).resolves.toBe(`/initiatieven/${initiativeId}`);

    // What the API stored.
    const stored = await app.gql<{ initiative: { status: string; municipality: { code: string }; themes: { slug: string }[]; needs: { discipline: { slug: string }; level: string; hoursPerMonth: number | null }[] } }>(
      `query($id: ID!) { initiative(id: $id) { status municipality { code } themes { slug } needs { discipline { slug } level hoursPerMonth } } }`,
      { id: initiativeId },
    );
    const initiative = stored.data!.initiative;
    expect({ ...initiative, needs: [...initiative.needs].sort((a, b) => a.discipline.slug.localeCompare(b.discipline.slug)) }).toEqual({
      status: 'STARTING',
      municipality: { code: 'GM0718' },
      themes: [{ slug: 'groenbeheer' }],
      needs: [
        { discipline: { slug: 'participatie' }, level: 'EXPERIENCED', hoursPerMonth: 8 },
        { discipline: { slug: 'subsidies' }, level: 'BASIC', hoursPerMonth: null },
      ],
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('changes it, adds a need and marks one fulfilled and open again', async () => {
    const { page, context, problems } = await openApp(browser, app, { language: 'nl', token: ilse.token });
    await page.goto('/mijn-initiatieven');
    await status(page, '1 initiatief');
    await page.getByText('2 open behoeften').waitFor();
    await screenshot(page, 'mijn-initiatieven');
    await page.getByRole('link', { name: 'Buurtmoestuin Vlissingen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Buurtmoestuin Vlissingen' }).waitFor();

    await page.getByLabel('Geleerde lessen').fill('Begin klein.');
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await status(page, 'De wijzigingen zijn opgeslagen.');

    const add = page.getByRole('group', { name: 'Een behoefte toevoegen' });
    await add.getByLabel('Vakgebied').selectOption('groenbeheer');
    await add.getByLabel('Niveau').selectOption('BASIC');
    await page.getByRole('button', { name: 'Behoefte toevoegen' }).click();
    await status(page, 'De behoefte is toegevoegd.');
    await page.getByRole('row').filter({ hasText: 'Groenbeheer' }).waitFor();
    await expect(page.getByRole('row').count()).resolves.toBe(4);

    await page.getByRole('button', { name: 'Markeer Groenbeheer als vervuld' }).click();
    await status(page, 'Groenbeheer is gemarkeerd als vervuld.');
    await page.getByRole('button', { name: 'Zet Groenbeheer weer open' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    // The team should cover participatie and subsidies only: Groenbeheer stays fulfilled.

    const stored = await app.gql<{ initiative: { lessonsLearned: string; needs: { discipline: { slug: string }; fulfilled: boolean }[] } }>(
      `query($id: ID!) { initiative(id: $id) { lessonsLearned needs { discipline { slug } fulfilled } } }`,
      { id: initiativeId },
    );
    expect(stored.data?.initiative.lessonsLearned).toBe('Begin klein.');
    expect(stored.data?.initiative.needs.find((n) => n.discipline.slug === 'groenbeheer')?.fulfilled).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('sees a suggested team: who covers which need, and why', async () => {
    const { page, context, problems } = await openApp(browser, app, { language: 'nl', token: ilse.token });
    await page.goto(`/mijn-initiatieven/${initiativeId}`);
    await page.waitForLoadState('networkidle');
    await page.getByRole('link', { name: 'Laat een team voorstellen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Team voor Buurtmoestuin Vlissingen' }).waitFor();
    await status(page, '1 persoon voorgesteld');
    const kees = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Kees Kenner' }) });
    await kees.getByText('Participatie (Ervaren, 8 uur per maand)').waitFor();
    await kees.getByText('Subsidies (Basis)').waitFor();
    await kees.getByText('biedt Participatie op niveau expert (gevraagd: ervaren)').waitFor();
    await kees.getByText(/^1[3-6]\d km van Vlissingen$/).waitFor();
    await kees.getByText('10 uur per maand beschikbaar, 8 gevraagd').waitFor();
    await page.getByText('Alle open behoeften zijn gedekt.').waitFor();
    await screenshot(page, 'team');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Someone else may not see it.
    const other = await openApp(browser, app, { language: 'nl', token: stranger.token });
    await other.page.goto(`/mijn-initiatieven/${initiativeId}/team`);
    await other.page.getByText('Alleen de initiatiefnemers van dit initiatief kunnen een team laten voorstellen.').waitFor();
    await other.page.goto(`/mijn-initiatieven/${initiativeId}`);
    await other.page.getByText('Alleen de initiatiefnemers van dit initiatief kunnen het aanpassen.').waitFor();
    expect(other.problems).toEqual([]);
    await other.context.close();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('finds experts by discipline near a place, with the fit explained, page by page', async () => {
    const { page, context, problems } = await openApp(browser, app, { language: 'nl', token: ilse.token });
    await page.goto('/zoeken');
    await page.getByRole('heading', { level: 1, name: 'Experts zoeken' }).waitFor();
    // Nothing to search for: told so.
    await page.getByRole('button', { name: 'Experts zoeken' }).click();
    await page.getByRole('alert').filter({ hasText: 'Vul een zoektekst in of kies minstens één vakgebied.' }).waitFor();

    await page.getByLabel('Zoek een vakgebied').fill('particip');
    await page.getByLabel('Participatie', { exact: true }).check();
    await page.getByLabel('Plaats').fill('Vlissingen');
    await status(page, 'Gekozen: Vlissingen');
    await page.getByRole('button', { name: 'Experts zoeken' }).click();
    await status(page, '2 personen gevonden');
    const results = page.getByRole('region', { name: 'Resultaten' });
    const names = await results.getByRole('heading', { level: 3 }).allTextContents();
    expect(names.sort()).toEqual(['Jan Jansen', 'Kees Kenner']);
    const jan = results.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Jan Jansen' }) }).first();
    await jan.getByText('Biedt wat je zoekt: Participatie (Ervaren)').waitFor();
    await jan.getByText(/^\d+ km van de gekozen plaats$/).waitFor();
    await jan.getByText(/^Past voor \d+ %$/).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    // Twelve people for impactmeting: ten, then two more.
    await page.getByLabel('Participatie', { exact: true }).uncheck();
    await page.getByLabel('Zoek een vakgebied').fill('impact');
    await page.getByLabel('Impactmeting').check();
    await page.getByRole('button', { name: 'Experts zoeken' }).click();
    await status(page, '12 personen gevonden');
    await expect(results.getByRole('heading', { level: 3 }).count()).resolves.toBe(10);
    await screenshot(page, 'zoeken');
    await page.getByRole('button', { name: 'Meer laden' }).click();
    await eventually(async () => (await results.getByRole('heading', { level: 3 }).count()) === 12);
    // Focus moved to the first new result; no more to load.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toMatch(/^Impact \d\d$/);
    await expect(page.getByRole('button', { name: 'Meer laden' }).count()).resolves.toBe(0);
    const all = await results.getByRole('heading', { level: 3 }).allTextContents();
    expect(new Set(all).size).toBe(12);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('searches by text alone, with the keyboard only', async () => {
    const { page, context, problems } = await openApp(browser, app, { language: 'nl', token: ilse.token });
    await page.goto('/zoeken');
    await page.getByRole('heading', { level: 1, name: 'Experts zoeken' }).waitFor();
    await tabTo(page, 'Zoektekst');
    await page.keyboard.type('wijken');
    // Enter in a field sends the form (the button is past a hundred discipline checkboxes).
    await page.keyboard.press('Enter');
    await status(page, '1 persoon gevonden');
    const anna = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Anna de Wit' }) }).first();
    await anna.getByText('Gevonden op de tekst “wijken”').waitFor();
    await anna.getByText('Overheid · Vlissingen').waitFor();

    // On the initiative's page: open a need again and mark it fulfilled, with Space; focus stays on the button.
    await page.goto(`/mijn-initiatieven/${initiativeId}`);
    await page.getByRole('heading', { level: 1, name: 'Buurtmoestuin Vlissingen' }).waitFor();
    await tabTo(page, 'Zet Groenbeheer weer open');
    await page.keyboard.press('Space');
    await status(page, 'Groenbeheer staat weer open.');
    await page.getByRole('button', { name: 'Markeer Groenbeheer als vervuld' }).waitFor();
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Markeer Groenbeheer als vervuld');
    await page.keyboard.press('Space');
    await status(page, 'Groenbeheer is gemarkeerd als vervuld.');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe.each<[Language, Record<string, string>, string]>([
  ['nl', { mine: 'Mijn initiatieven', new: 'Nieuw initiatief', edit: 'Buurtmoestuin Vlissingen', team: 'Team voor Buurtmoestuin Vlissingen', search: 'Experts zoeken' }, 'Aanmelden nodig'],
  ['en', { mine: 'My initiatives', new: 'New initiative', edit: 'Buurtmoestuin Vlissingen', team: 'Team for Buurtmoestuin Vlissingen', search: 'Find experts' }, 'Sign-in needed'],
])('every initiator page in %s', (language, headings, signInHeading) => {
  const routes = () => [
    ['mine', '/mijn-initiatieven'],
    ['new', '/mijn-initiatieven/nieuw'],
    ['edit', `/mijn-initiatieven/${initiativeId}`],
    ['team', `/mijn-initiatieven/${initiativeId}/team`],
    ['search', '/zoeken'],
  ] as const;

  it.each([['signed out', false], ['signed in', true]])('%s: titled, accessible, without errors', async (_label, signedIn) => {
    expect(initiativeId).not.toBe('');
    const { page, context, problems } = await openApp(browser, app, { language, token: signedIn ? ilse.token : undefined });
    for (const [key, path] of routes()) {
      await page.goto(path);
      const heading = signedIn ? headings[key] : signInHeading;
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      if (signedIn && key === 'team') await page.getByRole('heading', { level: 3 }).first().waitFor();
      if (signedIn && key === 'edit') await page.getByRole('row').first().waitFor();
      expect(await page.title()).toBe(`${heading} — Verbinder`);
      expect({ path, violations: await accessibilityViolations(page) }).toEqual({ path, violations: [] });
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
