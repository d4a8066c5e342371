// A page that needs a sign-in shows, to a visitor who has none, a way to sign in that returns
// here afterwards (/aanmelden?next=<this page>).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { Paragraph } from '@utrecht/component-library-react';
import { useMe } from '../me.js';
import { useSession } from '../session.js';
import { AppLink } from './app-link.js';
import { PageTitle } from './page-title.js';

export function signInHref(path: string): string {
  return `/aanmelden?next=${encodeURIComponent(path)}`;
}

export function RequireSignIn({ children, admin = false }: { children: ReactNode; admin?: boolean }) {
  const { t } = useTranslation('common');
  const { token } = useSession();
  const { me, loading, isAdmin } = useMe();
  const [location] = useLocation();
  const search = useSearch();
  if (!token) {
    return (
      <>
        <PageTitle title={t('signInNeeded.title')} />
        <Paragraph>{t('signInNeeded.body')}</Paragraph>
        <Paragraph>
          <AppLink href={signInHref(search ? `${location}?${search}` : location)}>{t('signInNeeded.action')}</AppLink>
        </Paragraph>
      </>
    );
  }
  if (loading || !me) return <Paragraph aria-busy="true">{t('loading')}</Paragraph>;
  if (admin && !isAdmin) {
    return (
      <>
        <PageTitle title={t('adminOnly.title')} />
        <Paragraph>{t('adminOnly.body')}</Paragraph>
      </>
    );
  }
  return <>{children}</>;
}
