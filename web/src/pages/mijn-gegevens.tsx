// `/mijn-gegevens` (signed in): everything Verbinder keeps about you, as a JSON file to
// download, and removing your account (after a confirmation; you are signed out afterwards).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { Alert, Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { AppLink } from '../components/app-link.js';
import { ErrorMessage } from '../components/error-message.js';
import { PageTitle } from '../components/page-title.js';
import { RequireSignIn } from '../components/require-sign-in.js';
import { graphql } from '../graphql.js';
import { useSession } from '../session.js';
import { BusyButton } from '../components/busy-button.js';
import './account.css';

const ExportMutation = graphql(`
  mutation ExportMyData {
    exportMyData
  }
`);
const DeleteMutation = graphql(`
  mutation DeleteMyAccount {
    deleteMyAccount
  }
`);

export default function MyDataPage() {
  const { t } = useTranslation('account');
  // Kept here, above the sign-in check: after deleting, the person is signed out and sees this.
  const [deleted, setDeleted] = useState(false);
  if (deleted) {
    return (
      <>
        <PageTitle title={t('data.deleted.title')} />
        <Paragraph role="status">{t('data.deleted.body')}</Paragraph>
        <Paragraph>
          <AppLink href="/">{t('data.deleted.home')}</AppLink>
        </Paragraph>
      </>
    );
  }
  return (
    <RequireSignIn>
      <PageTitle title={t('data.title')} />
      <Paragraph lead>{t('data.lead')}</Paragraph>
      <ExportSection />
      <DeleteSection onDeleted={() => setDeleted(true)} />
    </RequireSignIn>
  );
}

function ExportSection() {
  const { t } = useTranslation('account');
  const [state, exportData] = useMutation(ExportMutation);
  const [url, setUrl] = useState<string | null>(null);
  const link = useRef<HTMLAnchorElement>(null);

  // The file's address lives as long as the page shows it.
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);
  useEffect(() => {
    if (url) link.current?.focus();
  }, [url]);

  const prepare = async () => {
    const result = await exportData({});
    if (result.data) {
      const blob = new Blob([result.data.exportMyData], { type: 'application/json' });
      setUrl(URL.createObjectURL(blob));
    }
  };

  return (
    <section aria-labelledby="export">
      <Heading2 id="export">{t('data.export.title')}</Heading2>
      <Paragraph>{t('data.export.body')}</Paragraph>
      <ErrorMessage error={state.error} />
      <div role="status">
        {url && (
          <Paragraph>
            {t('data.export.ready')}{' '}
            <a ref={link} href={url} download="verbinder-mijn-gegevens.json" className="utrecht-link utrecht-link--html-a">
              {t('data.export.download')}
            </a>
          </Paragraph>
        )}
      </div>
      {!url && (
        <BusyButton appearance="secondary-action-button" busy={state.fetching} onClick={() => void prepare()}>
          {t('data.export.action')}
        </BusyButton>
      )}
    </section>
  );
}

function DeleteSection({ onDeleted }: { onDeleted(): void }) {
  const { t } = useTranslation('account');
  const session = useSession();
  const [confirming, setConfirming] = useState(false);
  const [state, deleteAccount] = useMutation(DeleteMutation);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (wasConfirming.current) startButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const remove = async () => {
    const result = await deleteAccount({});
    if (result.data?.deleteMyAccount) {
      onDeleted();
      session.signOut();
    }
  };

  return (
    <section aria-labelledby="delete">
      <Heading2 id="delete">{t('data.delete.title')}</Heading2>
      <Paragraph>{t('data.delete.body')}</Paragraph>
      {confirming ? (
        <Alert type="warning">
          <Paragraph>
            <strong>{t('data.delete.confirmTitle')}</strong>
          </Paragraph>
          <Paragraph>{t('data.delete.confirmBody')}</Paragraph>
          <ErrorMessage error={state.error} />
          <ButtonGroup>
            <BusyButton ref={confirmButton} appearance="primary-action-button" hint="danger" busy={state.fetching} onClick={() => void remove()}>
              {t('data.delete.confirm')}
            </BusyButton>
            <Button appearance="secondary-action-button" onClick={() => setConfirming(false)}>
              {t('data.delete.cancel')}
            </Button>
          </ButtonGroup>
        </Alert>
      ) : (
        <Button ref={startButton} appearance="secondary-action-button" hint="danger" onClick={() => setConfirming(true)}>
          {t('data.delete.start')}
        </Button>
      )}
    </section>
  );
}
