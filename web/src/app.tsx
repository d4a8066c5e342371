// The app: providers, the frame, and one page per public path (src/common/web-routes.ts, which the
// API serves). Pages load on demand, so the first page downloads only its own code.
import { type ComponentType, lazy, type LazyExoticComponent, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Switch, useLocation } from 'wouter';
import { Paragraph } from '@utrecht/component-library-react';
import type { WebRoute } from '../../src/common/web-routes.js';
import { GraphQLProvider } from './client.js';
import { Layout } from './components/layout.js';
import { markNavigated } from './components/page-title.js';
import { SessionProvider } from './session.js';
import NotFound from './pages/not-found.js';

type Page = LazyExoticComponent<ComponentType>;

/** The page of each public path (the type makes a path without a page a compile error). Wouter takes the first match: fixed paths before `:id`. */
export const PAGES: Record<WebRoute, Page> = {
  '/': lazy(() => import('./pages/home.js')),
  '/kennisbank': lazy(() => import('./pages/kennisbank.js')),
  '/initiatieven/:id': lazy(() => import('./pages/initiative.js')),
  '/aanmelden': lazy(() => import('./pages/aanmelden.js')),
  '/voorkeuren': lazy(() => import('./pages/voorkeuren.js')),
  '/mijn-gegevens': lazy(() => import('./pages/mijn-gegevens.js')),
  '/mijn-initiatieven': lazy(() => import('./pages/initiator/my-initiatives.js')),
  '/mijn-initiatieven/nieuw': lazy(() => import('./pages/initiator/new-initiative.js')),
  '/mijn-initiatieven/:id/team': lazy(() => import('./pages/initiator/team.js')),
  '/mijn-initiatieven/:id': lazy(() => import('./pages/initiator/initiative-edit.js')),
  '/zoeken': lazy(() => import('./pages/initiator/expert-search.js')),
  '/beheer': lazy(() => import('./pages/beheer.js')),
  '/profiel': lazy(() => import('./pages/profile.js')),
  '/kennismakingen': lazy(() => import('./pages/introductions.js')),
};

function Loading() {
  const { t } = useTranslation('common');
  return <Paragraph aria-busy="true">{t('loading')}</Paragraph>;
}

function NavigationWatcher() {
  const [location] = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else {
      markNavigated();
      window.scrollTo(0, 0);
    }
  }, [location]);
  return null;
}

export function App() {
  return (
    <SessionProvider>
      <GraphQLProvider>
        <NavigationWatcher />
        <Layout>
          <Suspense fallback={<Loading />}>
            <Switch>
              {Object.entries(PAGES).map(([path, Component]) => (
                <Route key={path} path={path} component={Component} />
              ))}
              <Route component={NotFound} />
            </Switch>
          </Suspense>
        </Layout>
      </GraphQLProvider>
    </SessionProvider>
  );
}
