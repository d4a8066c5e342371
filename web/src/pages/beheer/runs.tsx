// Match runs: start one (optionally a dry run), the runs newest first with their rates (paged),
// and a chart of the acceptance and usefulness rate over the completed runs.
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CombinedError, useClient, useMutation, useQuery } from 'urql';
import {
  Checkbox,
  Heading2,
  Heading3,
  Paragraph,
  StatusBadge,
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
import { Field } from './fields.js';
import { formatMoment, formatNumber, formatPercent } from './format.js';
import { RatesChart } from './rates-chart.js';
import { BusyButton } from '../../components/busy-button.js';

const PAGE = 10;

export const RunsQuery = graphql(`
  query AdminRuns($first: Int!, $after: String) {
    matchRuns(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id status dryRun ruleSetVersion startedAt finishedAt
          stats { proposed acceptanceRate usefulnessRate }
        }
      }
    }
  }
`);

const TriggerMutation = graphql(`
  mutation AdminTriggerRun($dryRun: Boolean!) {
    triggerMatchRun(dryRun: $dryRun) { id status dryRun }
  }
`);

type Run = ResultOf<typeof RunsQuery>['matchRuns']['edges'][number]['node'];
type Page = ResultOf<typeof RunsQuery>['matchRuns'];

const BADGE: Record<Run['status'], string> = { COMPLETED: 'safe', FAILED: 'danger', QUEUED: 'neutral', RUNNING: 'warning' };

export function RunsSection() {
  const { t } = useTranslation('beheer');
  const id = useId();
  const client = useClient();
  // An empty list names no MatchRun, so urql would not know that starting one changes it.
  const context = useMemo(() => ({ additionalTypenames: ['MatchRun'] }), []);
  const [result, reexecute] = useQuery({ query: RunsQuery, variables: { first: PAGE }, context });
  const [more, setMore] = useState<Page[]>([]);
  const [moreError, setMoreError] = useState<CombinedError | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const [started, setStarted] = useState<{ dryRun: boolean } | null>(null);
  const [triggerState, trigger] = useMutation(TriggerMutation);

  const first = result.data?.matchRuns;
  const runs = [first, ...more].flatMap((page) => page?.edges.map((e) => e.node) ?? []);
  const lastPage = more.at(-1) ?? first;
  const busy = runs.some((run) => run.status === 'QUEUED' || run.status === 'RUNNING');

  // While a run is queued or running, look again every two seconds.
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => reexecute({ requestPolicy: 'network-only' }), 2000);
    return () => clearInterval(timer);
  }, [busy, reexecute]);

  async function loadMore() {
    if (!lastPage?.pageInfo.endCursor) return;
    setLoadingMore(true);
    const answer = await client.query(RunsQuery, { first: PAGE, after: lastPage.pageInfo.endCursor }, { requestPolicy: 'network-only' }).toPromise();
    setLoadingMore(false);
    setMoreError(answer.error);
    if (answer.data) setMore((pages) => [...pages, answer.data!.matchRuns]);
  }

  async function start() {
    const answer = await trigger({ dryRun });
    if (answer.data) {
      // The answer is a MatchRun: urql fetches the runs again by itself.
      setStarted({ dryRun: answer.data.triggerMatchRun.dryRun });
      setMore([]);
    }
  }

  const chartPoints = runs
    .filter((run) => run.status === 'COMPLETED' && !run.dryRun && run.stats)
    .map((run) => ({ when: run.finishedAt ?? run.startedAt, acceptanceRate: run.stats!.acceptanceRate, usefulnessRate: run.stats!.usefulnessRate }))
    .reverse();

  return (
    <section aria-labelledby="runs-title" className="verbinder-admin-section">
      <Heading2 id="runs-title">{t('runs.title')}</Heading2>
      <form
        className="verbinder-admin-inline-form"
        aria-labelledby={`${id}-start`}
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <Heading3 id={`${id}-start`}>{t('runs.startTitle')}</Heading3>
        <Field id={`${id}-dry`} label={t('runs.dryRun')} type="checkbox" description={t('runs.dryRunHelp')}>
          <Checkbox id={`${id}-dry`} aria-describedby={`${id}-dry-description`} checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
        </Field>
        <BusyButton type="submit" appearance="primary-action-button" busy={triggerState.fetching}>
          {t('runs.start')}
        </BusyButton>
        <ErrorMessage error={triggerState.error} />
        <div role="status" className="verbinder-admin-status">
          {started && <Paragraph>{t(started.dryRun ? 'runs.startedDry' : 'runs.started')}</Paragraph>}
        </div>
      </form>

      <Heading3 id="runs-history-title">{t('runs.historyTitle')}</Heading3>
      <ErrorMessage error={result.error} />
      {!first && result.fetching && <Paragraph aria-busy="true">{t('loading')}</Paragraph>}
      {first && runs.length === 0 && <Paragraph>{t('runs.none')}</Paragraph>}
      {chartPoints.length > 0 && <RatesChart points={chartPoints} />}
      {runs.length > 0 && (
        <>
          <Table className="verbinder-admin-runs">
            <TableCaption>{t('runs.caption', { shown: runs.length, total: first?.totalCount ?? runs.length })}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('runs.when')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('runs.status')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('runs.kind')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('runs.version')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('runs.proposed')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('runs.acceptance')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('runs.usefulness')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {runs.map((run) => (
                <RunRow key={run.id} run={run} />
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
    </section>
  );
}

function RunRow({ run }: { run: Run }) {
  const { t, i18n } = useTranslation('beheer');
  const language = i18n.language;
  return (
    <TableRow>
      <TableHeaderCell scope="row">{formatMoment(language, run.startedAt ?? run.finishedAt)}</TableHeaderCell>
      <TableCell>
        <StatusBadge status={BADGE[run.status]}>{t(`runStatus.${run.status}`)}</StatusBadge>
      </TableCell>
      <TableCell>{t(run.dryRun ? 'runs.kindDry' : 'runs.kindReal')}</TableCell>
      <TableCell className="verbinder-admin-number">{run.ruleSetVersion}</TableCell>
      <TableCell className="verbinder-admin-number">{run.stats ? formatNumber(language, run.stats.proposed) : '—'}</TableCell>
      <TableCell className="verbinder-admin-number">{run.stats && !run.dryRun ? formatPercent(language, run.stats.acceptanceRate) : '—'}</TableCell>
      <TableCell className="verbinder-admin-number">{run.stats && !run.dryRun ? formatPercent(language, run.stats.usefulnessRate) : '—'}</TableCell>
    </TableRow>
  );
}
