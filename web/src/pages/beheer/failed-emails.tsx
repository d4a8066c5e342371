// Emails that failed after every retry (paged), each with a button that sends it again, and
// the way into the queue dashboard.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CombinedError, useClient, useMutation, useQuery } from 'urql';
import {
  Button,
  Heading2,
  Heading3,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { ErrorMessage } from '../../components/error-message.js';
import { graphql, type ResultOf } from '../../graphql.js';
import { useSession } from '../../session.js';
import { formatMoment, formatNumber } from './format.js';
import { BusyButton } from '../../components/busy-button.js';

const PAGE = 10;
const QUEUES_DASHBOARD = '/admin/queues';

const FailedQuery = graphql(`
  query AdminFailedEmails($first: Int!, $after: String) {
    failedEmails(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id accountId kind createdAt lastError requeues } }
    }
  }
`);

const RecipientQuery = graphql(`
  query AdminRecipient($id: ID!) {
    professional(id: $id) { name }
  }
`);

const RetryMutation = graphql(`
  mutation AdminRetryEmail($id: ID!) {
    retryEmail(id: $id)
  }
`);

type FailedEmail = ResultOf<typeof FailedQuery>['failedEmails']['edges'][number]['node'];
type Page = ResultOf<typeof FailedQuery>['failedEmails'];

export function FailedEmailsSection() {
  const { t } = useTranslation('beheer');
  const client = useClient();
  const [result, reexecute] = useQuery({ query: FailedQuery, variables: { first: PAGE } });
  const [more, setMore] = useState<Page[]>([]);
  const [moreError, setMoreError] = useState<CombinedError | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [retried, setRetried] = useState<string | null>(null);
  const [retryState, retry] = useMutation(RetryMutation);

  const first = result.data?.failedEmails;
  const emails = [first, ...more].flatMap((page) => page?.edges.map((e) => e.node) ?? []);
  const lastPage = more.at(-1) ?? first;

  async function loadMore() {
    if (!lastPage?.pageInfo.endCursor) return;
    setLoadingMore(true);
    const answer = await client.query(FailedQuery, { first: PAGE, after: lastPage.pageInfo.endCursor }, { requestPolicy: 'network-only' }).toPromise();
    setLoadingMore(false);
    setMoreError(answer.error);
    if (answer.data) setMore((pages) => [...pages, answer.data!.failedEmails]);
  }

  async function onRetry(email: FailedEmail, recipient: string) {
    setRetried(null);
    const answer = await retry({ id: email.id });
    if (answer.data?.retryEmail) {
      setRetried(recipient);
      setMore([]);
      reexecute({ requestPolicy: 'network-only' });
    }
  }

  return (
    <section aria-labelledby="failed-title" className="verbinder-admin-section">
      <Heading2 id="failed-title">{t('failed.title')}</Heading2>
      <Paragraph>{t('failed.intro')}</Paragraph>
      <ErrorMessage error={result.error ?? retryState.error} />
      <div role="status" className="verbinder-admin-status">
        {retried !== null && <Paragraph>{t('failed.retried', { name: retried })}</Paragraph>}
      </div>
      {!first && result.fetching && <Paragraph aria-busy="true">{t('loading')}</Paragraph>}
      {first && emails.length === 0 && <Paragraph>{t('failed.none')}</Paragraph>}
      {emails.length > 0 && (
        <>
          <Table className="verbinder-admin-failed">
            <TableCaption>{t('failed.caption', { shown: emails.length, total: first?.totalCount ?? emails.length })}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('failed.recipient')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('failed.kind')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('failed.when')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('failed.error')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('failed.requeues')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('failed.action')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {emails.map((email) => (
                <FailedRow key={email.id} email={email} busy={retryState.fetching} onRetry={(recipient) => void onRetry(email, recipient)} />
              ))}
            </TableBody>
          </Table>
          <ErrorMessage error={moreError} />
          {lastPage?.pageInfo.hasNextPage && (
            <BusyButton appearance="secondary-action-button" busy={loadingMore} onClick={() => void loadMore()}>
              {t('loadMore')}
            </BusyButton>
          )}
        </>
      )}
      <QueuesDashboard />
    </section>
  );
}

function FailedRow({ email, busy, onRetry }: { email: FailedEmail; busy: boolean; onRetry(recipient: string): void }) {
  const { t, i18n } = useTranslation('beheer');
  const [recipient] = useQuery({ query: RecipientQuery, variables: { id: email.accountId } });
  const name = recipient.data?.professional?.name ?? t('failed.unknownRecipient');
  const kind = ['digest', 'connected', 'paused'].includes(email.kind) ? t(`emailKind.${email.kind}`) : email.kind;
  return (
    <TableRow>
      <TableHeaderCell scope="row">{recipient.fetching && !recipient.data ? t('loading') : name}</TableHeaderCell>
      <TableCell>{kind}</TableCell>
      <TableCell>{formatMoment(i18n.language, email.createdAt)}</TableCell>
      <TableCell className="verbinder-admin-error-text">{email.lastError ?? '—'}</TableCell>
      <TableCell className="verbinder-admin-number">{formatNumber(i18n.language, email.requeues)}</TableCell>
      <TableCell>
        <Button appearance="secondary-action-button" disabled={busy} aria-label={t('failed.retryLabel', { name, kind })} onClick={() => onRetry(name)}>
          {t('failed.retry')}
        </Button>
      </TableCell>
    </TableRow>
  );
}

/**
 * The queue dashboard is a separate page of the API (bull-board), which a browser opens without
 * the app's bearer header. So first a fetch WITH the header: the dashboard then sets its own
 * HttpOnly cookie (src/admin/admin-session.ts), and the browser goes there with that cookie.
 * The session token never appears in an address, so it is never shown or logged.
 */
function QueuesDashboard() {
  const { t } = useTranslation('beheer');
  const { token } = useSession();
  const [state, setState] = useState<'idle' | 'opening' | 'failed'>('idle');

  async function open() {
    setState('opening');
    try {
      const res = await fetch(QUEUES_DASHBOARD, { headers: { authorization: `Bearer ${token ?? ''}` }, credentials: 'same-origin' });
      if (!res.ok) throw new Error(String(res.status));
      window.location.assign(QUEUES_DASHBOARD);
    } catch {
      setState('failed');
    }
  }

  return (
    <>
      <Heading3>{t('queues.title')}</Heading3>
      <Paragraph>{t('queues.intro')}</Paragraph>
      <BusyButton appearance="secondary-action-button" busy={state === 'opening'} onClick={() => void open()}>
        {t('queues.open')}
      </BusyButton>
      <div role="status" className="verbinder-admin-status">
        {state === 'failed' && <Paragraph>{t('queues.failed')}</Paragraph>}
      </div>
    </>
  );
}
