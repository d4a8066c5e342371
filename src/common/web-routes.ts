// The web app's public paths (issue #13): links in emails and shared pages point at them, so
// they are a contract like the GraphQL API. The API answers each with the app's page
// (src/web/web-app.controller.ts); the app's router (web/src/app.tsx) shows the matching page.
export const WEB_ROUTES = [
  '/',
  '/kennisbank',
  '/initiatieven/:id',
  '/aanmelden',
  '/profiel',
  '/voorkeuren',
  '/mijn-gegevens',
  '/kennismakingen',
  '/mijn-initiatieven',
  '/mijn-initiatieven/nieuw',
  '/mijn-initiatieven/:id',
  '/mijn-initiatieven/:id/team',
  '/zoeken',
  '/beheer',
] as const;

export type WebRoute = (typeof WEB_ROUTES)[number];
