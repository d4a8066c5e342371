// `/mijn-initiatieven/:id`: an initiator (or an admin) changes the initiative
// (updateInitiative), adds needs (addExpertiseNeed) and marks them fulfilled or open again
// (setNeedFulfilled); links to its public page and its suggested team.
import { type FormEvent, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useParams, useSearch } from 'wouter';
import {
  Alert,
  Heading2,
  Paragraph,
  StatusBadge,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { AppLink } from '../../components/app-link.js';
import { ErrorMessage } from '../../components/error-message.js';
import type { Municipality } from '../../components/municipality-picker.js';
import { PageTitle } from '../../components/page-title.js';
import { RequireSignIn } from '../../components/require-sign-in.js';
import { graphql, type ResultOf } from '../../graphql.js';
import { useMe } from '../../me.js';
import { draftInput, type DraftErrors, focusFirstError, type InitiativeDraft, InitiativeFields, validateDraft } from './initiative-fields.js';
import { type NeedDraft, needInput, NeedFields, newNeed, validateNeeds } from './needs-editor.js';
import type { Status } from './shared.js';
import { BusyButton } from '../../components/busy-button.js';

export const InitiativeQuery = graphql(`
  query EditInitiative($id: ID!, $locale: String!) {
    initiative(id: $id) {
      id title summary description lessonsLearned status
      municipality { code name }
      themes { slug }
      initiators { id }
      needs { id level hoursPerMonth fulfilled discipline { slug name(locale: $locale) } }
    }
  }
`);

const UpdateInitiative = graphql(`
  mutation UpdateInitiative($id: ID!, $input: InitiativeUpdateInput!) {
    updateInitiative(id: $id, input: $input) { id title summary description lessonsLearned status municipality { code name } themes { slug } }
  }
`);

const AddNeed = graphql(`
  mutation AddNeed($initiativeId: ID!, $input: ExpertiseNeedInput!) {
    addExpertiseNeed(initiativeId: $initiativeId, input: $input) { id }
  }
`);

const SetNeedFulfilled = graphql(`
  mutation SetNeedFulfilled($needId: ID!, $fulfilled: Boolean!) {
    setNeedFulfilled(needId: $needId, fulfilled: $fulfilled) { id fulfilled }
  }
`);

type Initiative = NonNullable<ResultOf<typeof InitiativeQuery>['initiative']>;

/** The initiative of the page's :id, and whether the viewer may change it. */
export function useOwnInitiative(id: string) {
  const { i18n } = useTranslation();
  const { me, isAdmin } = useMe();
  const context = useMemo(() => ({ additionalTypenames: ['ExpertiseNeed', 'Initiative'] }), []);
  const [result] = useQuery({ query: InitiativeQuery, variables: { id, locale: i18n.language }, context });
  const initiative = result.data?.initiative ?? null;
  const mayChange = Boolean(initiative && (isAdmin || initiative.initiators.some((p) => p.id === me?.professional.id)));
  return { result, initiative, mayChange };
}

export default function InitiativeEditPage() {
  return (
    <RequireSignIn>
      <InitiativeEdit />
    </RequireSignIn>
  );
}

function InitiativeEdit() {
  const { t } = useTranslation('initiator');
  const { id = '' } = useParams<{ id: string }>();
  const search = useSearch();
  const { result, initiative, mayChange } = useOwnInitiative(id);

  if (result.fetching && !result.data) return <Paragraph aria-busy="true">{t('loading')}</Paragraph>;
  if (result.error || !initiative) {
    return (
      <>
        <PageTitle title={t('edit.notFound')} />
        {result.error ? <ErrorMessage error={result.error} /> : <Paragraph>{t('edit.notFoundBody')}</Paragraph>}
        <Paragraph>
          <AppLink href="/mijn-initiatieven">{t('backToMine')}</AppLink>
        </Paragraph>
      </>
    );
  }
  if (!mayChange) {
    return (
      <>
        <PageTitle title={initiative.title} />
        <Paragraph>{t('edit.notYours')}</Paragraph>
        <Paragraph>
          <AppLink href={`/initiatieven/${initiative.id}`}>{t('edit.publicPage')}</AppLink>
        </Paragraph>
      </>
    );
  }
  return (
    <div className="verbinder-stack">
      <PageTitle title={t('edit.title', { title: initiative.title })} />
      {new URLSearchParams(search).has('aangemaakt') && (
        <Alert type="ok" role="status">
          <Paragraph>{t('edit.created')}</Paragraph>
        </Alert>
      )}
      <UnorderedList>
        <UnorderedListItem>
          <AppLink href={`/mijn-initiatieven/${initiative.id}/team`}>{t('edit.teamLink')}</AppLink>
        </UnorderedListItem>
        <UnorderedListItem>
          <AppLink href={`/initiatieven/${initiative.id}`}>{t('edit.publicPage')}</AppLink>
        </UnorderedListItem>
        <UnorderedListItem>
          <AppLink href="/mijn-initiatieven">{t('backToMine')}</AppLink>
        </UnorderedListItem>
      </UnorderedList>
      <Needs initiative={initiative} />
      <Details key={initiative.id} initiative={initiative} />
    </div>
  );
}

function Details({ initiative }: { initiative: Initiative }) {
  const { t } = useTranslation('initiator');
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<InitiativeDraft>(() => ({
    title: initiative.title,
    summary: initiative.summary,
    description: initiative.description ?? '',
    lessonsLearned: initiative.lessonsLearned ?? '',
    municipality: { code: initiative.municipality.code, name: initiative.municipality.name },
    status: initiative.status as Status,
    themes: initiative.themes.map((theme) => theme.slug),
  }));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [saved, setSaved] = useState(false);
  const [result, update] = useMutation(UpdateInitiative);
  const onMunicipality = useCallback((municipality: Municipality | null) => setDraft((d) => ({ ...d, municipality })), []);
  const errorCount = Object.values(errors).filter(Boolean).length;

  // The button stays enabled while busy (a disabled button would lose focus); a second press waits.
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (result.fetching) return;
    setSaved(false);
    const found = validateDraft(draft, t);
    setErrors(found);
    if (Object.keys(found).length) {
      requestAnimationFrame(() => focusFirstError(form.current));
      return;
    }
    const answer = await update({ id: initiative.id, input: draftInput(draft) });
    if (answer.data) setSaved(true);
  };

  return (
    <section aria-labelledby="details-title">
      <Heading2 id="details-title">{t('edit.detailsTitle')}</Heading2>
      <form ref={form} className="verbinder-form" noValidate onSubmit={(event) => void submit(event)}>
        <Paragraph>{t('requiredNote')}</Paragraph>
        {errorCount > 0 && (
          <Alert type="error" role="alert">
            <Paragraph>{t('validation.summary', { count: errorCount })}</Paragraph>
          </Alert>
        )}
        <InitiativeFields
          draft={draft}
          onChange={(change) => {
            setSaved(false);
            setDraft((d) => ({ ...d, ...change }));
          }}
          onMunicipality={onMunicipality}
          errors={errors}
        />
        <ErrorMessage error={result.error} />
        <Paragraph role="status" className="verbinder-picker-status">
          {saved ? t('edit.saved') : ''}
        </Paragraph>
        <BusyButton type="submit" appearance="primary-action-button" busy={result.fetching}>
          {t('edit.save')}
        </BusyButton>
      </form>
    </section>
  );
}

function Needs({ initiative }: { initiative: Initiative }) {
  const { t, i18n } = useTranslation('initiator');
  const [need, setNeed] = useState<NeedDraft>(newNeed);
  const [errors, setErrors] = useState<{ discipline?: string; hours?: string }>({});
  const [status, setStatus] = useState('');
  const [added, add] = useMutation(AddNeed);
  const [toggled, toggle] = useMutation(SetNeedFulfilled);
  const form = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (added.fetching) return;
    setStatus('');
    const found = validateNeeds([need], t)[need.key] ?? {};
    setErrors(found);
    if (found.discipline || found.hours) {
      requestAnimationFrame(() => focusFirstError(form.current));
      return;
    }
    const answer = await add({ initiativeId: initiative.id, input: needInput(need) });
    if (answer.data) {
      setNeed(newNeed());
      setStatus(t('edit.needAdded'));
    }
  };

  const setFulfilled = async (needId: string, name: string, fulfilled: boolean) => {
    if (toggled.fetching) return;
    setStatus('');
    const answer = await toggle({ needId, fulfilled });
    if (answer.data) setStatus(t(fulfilled ? 'edit.markedFulfilled' : 'edit.markedOpen', { name }));
  };

  return (
    <section aria-labelledby="needs-title" className="verbinder-stack">
      <Heading2 id="needs-title">{t('needs.title')}</Heading2>
      {initiative.needs.length === 0 ? (
        <Paragraph>{t('needs.none')}</Paragraph>
      ) : (
        <div className="verbinder-table-scroll">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('need.discipline')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('need.level')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('need.hoursShort')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('need.state')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('need.action')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {[...initiative.needs].sort((a, b) => a.discipline.name.localeCompare(b.discipline.name, i18n.language)).map((n) => (
                <TableRow key={n.id}>
                  <TableCell>{n.discipline.name}</TableCell>
                  <TableCell>{t(`level.${n.level}`)}</TableCell>
                  <TableCell>{n.hoursPerMonth ?? t('need.hoursUnknown')}</TableCell>
                  <TableCell>
                    <StatusBadge className="verbinder-need-state" status={n.fulfilled ? 'safe' : 'warning'}>{t(n.fulfilled ? 'need.fulfilled' : 'need.open')}</StatusBadge>
                  </TableCell>
                  <TableCell>
                    <BusyButton appearance="secondary-action-button" busy={toggled.fetching} onClick={() => void setFulfilled(n.id, n.discipline.name, !n.fulfilled)}>
                      {t(n.fulfilled ? 'need.markOpen' : 'need.markFulfilled', { name: n.discipline.name })}
                    </BusyButton>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <ErrorMessage error={toggled.error} />
      <form ref={form} className="verbinder-form" noValidate onSubmit={(event) => void submit(event)}>
        <NeedFields legend={t('edit.addNeedTitle')} need={need} errors={errors} onChange={(change) => setNeed((n) => ({ ...n, ...change }))} />
        <ErrorMessage error={added.error} />
        <BusyButton type="submit" appearance="secondary-action-button" busy={added.fetching}>
          {t('edit.addNeed')}
        </BusyButton>
      </form>
      <Paragraph role="status" className="verbinder-picker-status">
        {status}
      </Paragraph>
    </section>
  );
}
