// What went wrong, in the reader's language, from the API's error code; never a stack trace
// (the API sends none). Announced to screen readers as it appears (role="alert").
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { Alert, Paragraph } from '@utrecht/component-library-react';
import { errorCode } from '../client.js';

export function ErrorMessage({ error }: { error: CombinedError | undefined }) {
  const { t } = useTranslation('common');
  const code = errorCode(error);
  if (!code || !error) return null;
  const message = error.graphQLErrors[0]?.message ?? '';
  return (
    <Alert type="error" role="alert">
      <Paragraph>{t(`error.${code}`, { message, defaultValue: t('error.INTERNAL_SERVER_ERROR') })}</Paragraph>
    </Alert>
  );
}
