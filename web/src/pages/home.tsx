// `/`: what Verbinder is, for a first visitor, and where to go next.
import { useTranslation } from 'react-i18next';
import { Heading2, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { AppLink } from '../components/app-link.js';
import { PageTitle } from '../components/page-title.js';
import { useSession } from '../session.js';

export default function Home() {
  const { t } = useTranslation('home');
  const { token } = useSession();
  return (
    <>
      <PageTitle title={t('title')} />
      <Paragraph lead>{t('lead')}</Paragraph>
      <Heading2>{t('how.title')}</Heading2>
      <UnorderedList>
        <UnorderedListItem>{t('how.profile')}</UnorderedListItem>
        <UnorderedListItem>{t('how.digest')}</UnorderedListItem>
        <UnorderedListItem>{t('how.consent')}</UnorderedListItem>
        <UnorderedListItem>{t('how.initiatives')}</UnorderedListItem>
      </UnorderedList>
      <Heading2>{t('next.title')}</Heading2>
      <UnorderedList>
        <UnorderedListItem>
          <AppLink href="/kennisbank">{t('next.knowledgeBank')}</AppLink>
        </UnorderedListItem>
        {token ? (
          <UnorderedListItem>
            <AppLink href="/kennismakingen">{t('next.introductions')}</AppLink>
          </UnorderedListItem>
        ) : (
          <UnorderedListItem>
            <AppLink href="/aanmelden">{t('next.join')}</AppLink>
          </UnorderedListItem>
        )}
      </UnorderedList>
    </>
  );
}
