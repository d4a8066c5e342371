// The frame of every page: a skip link, the header with the site's name, the navigation (what
// a visitor, a signed-in person and an admin may open) and the language choice, the page in
// <main>, and the footer.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { Button, PageContent, PageFooter, PageHeader, Paragraph } from '@utrecht/component-library-react';
import { LANGUAGES } from '../i18n.js';
import { useMe } from '../me.js';
import { useSession } from '../session.js';
import { AppLink } from './app-link.js';

interface NavItem {
  href: string;
  label: string;
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation('common');
  const [location, navigate] = useLocation();
  const { token, signOut } = useSession();
  const { me, isAdmin } = useMe();

  const items: NavItem[] = [
    { href: '/kennisbank', label: t('nav.knowledgeBank') },
    ...(token
      ? [
          { href: '/kennismakingen', label: t('nav.introductions') },
          { href: '/mijn-initiatieven', label: t('nav.myInitiatives') },
          { href: '/zoeken', label: t('nav.search') },
          { href: '/profiel', label: t('nav.profile') },
        ]
      : []),
    ...(isAdmin ? [{ href: '/beheer', label: t('nav.admin') }] : []),
  ];
  const other = LANGUAGES.find((language) => language !== i18n.language) ?? 'en';

  return (
    <>
      <a className="verbinder-skip-link" href="#inhoud">
        {t('skipToContent')}
      </a>
      <PageHeader className="verbinder-header">
        <div className="verbinder-header__bar">
          <AppLink href="/" className="verbinder-brand">
            Verbinder
          </AppLink>
          <div className="verbinder-header__actions">
            <Button
              appearance="subtle-button"
              lang={other}
              onClick={() => void i18n.changeLanguage(other)}
            >
              {t(`language.${other}`)}
            </Button>
            {token ? (
              <>
                {me && <span className="verbinder-header__who">{t('signedInAs', { name: me.professional.name })}</span>}
                <Button
                  appearance="secondary-action-button"
                  onClick={() => {
                    signOut();
                    navigate('/');
                  }}
                >
                  {t('signOut')}
                </Button>
              </>
            ) : (
              <AppLink href="/aanmelden">{t('signIn')}</AppLink>
            )}
          </div>
        </div>
        <nav aria-label={t('nav.label')} className="verbinder-nav">
          <ul className="verbinder-nav__list">
            {items.map((item) => (
              <li key={item.href}>
                <AppLink href={item.href} current={location === item.href || location.startsWith(`${item.href}/`)}>
                  {item.label}
                </AppLink>
              </li>
            ))}
          </ul>
        </nav>
      </PageHeader>
      <main id="inhoud" tabIndex={-1} className="verbinder-main">
        <PageContent>{children}</PageContent>
      </main>
      <PageFooter className="verbinder-footer">
        <Paragraph>{t('footer')}</Paragraph>
      </PageFooter>
    </>
  );
}
