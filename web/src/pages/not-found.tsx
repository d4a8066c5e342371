import { Trans, useTranslation } from 'react-i18next';
import { Paragraph } from '@utrecht/component-library-react';
import { AppLink } from '../components/app-link.js';
import { PageTitle } from '../components/page-title.js';

export default function NotFound() {
  const { t } = useTranslation('common');
  return (
    <>
      <PageTitle title={t('notFound.title')} />
      <Paragraph>
        <Trans t={t} i18nKey="notFound.body" components={{ 1: <AppLink href="/">home</AppLink> }} />
      </Paragraph>
    </>
  );
}
