// `/beheer`: for admins (accounts in ADMIN_EMAILS). The match rules with a preview of a change
// and their history, the match runs with their rates, and failed emails with the queue dashboard.
import { useTranslation } from 'react-i18next';
import { Paragraph } from '@utrecht/component-library-react';
import { PageTitle } from '../components/page-title.js';
import { RequireSignIn } from '../components/require-sign-in.js';
import { FailedEmailsSection } from './beheer/failed-emails.js';
import { RulesSection } from './beheer/rules.js';
import { RunsSection } from './beheer/runs.js';
import './beheer.css';

export default function Beheer() {
  return (
    <RequireSignIn admin>
      <Admin />
    </RequireSignIn>
  );
}

function Admin() {
  const { t } = useTranslation('beheer');
  return (
    <>
      <PageTitle title={t('title')} />
      <Paragraph lead>{t('lead')}</Paragraph>
      <nav aria-label={t('sections')} className="verbinder-admin-toc">
        <ul>
          <li>
            <a className="utrecht-link utrecht-link--html-a" href="#rules-title">
              {t('rules.title')}
            </a>
          </li>
          <li>
            <a className="utrecht-link utrecht-link--html-a" href="#runs-title">
              {t('runs.title')}
            </a>
          </li>
          <li>
            <a className="utrecht-link utrecht-link--html-a" href="#failed-title">
              {t('failed.title')}
            </a>
          </li>
        </ul>
      </nav>
      <RulesSection />
      <RunsSection />
      <FailedEmailsSection />
    </>
  );
}
