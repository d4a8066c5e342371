// The match rules: the active version, a form to change them with a preview of the change next
// to the active rules (previewMatchRun with and without the changes), saving a new version, and
// the history of versions with what each changed.
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CombinedError, useMutation, useQuery } from 'urql';
import {
  Alert,
  ButtonGroup,
  Checkbox,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Fieldset,
  FieldsetLegend,
  Heading2,
  Heading3,
  Heading4,
  OrderedList,
  OrderedListItem,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { errorCode } from '../../client.js';
import { ErrorMessage } from '../../components/error-message.js';
import { graphql, type ResultOf } from '../../graphql.js';
import { describedBy, Field } from './fields.js';
import { formatMoment, formatNumber } from './format.js';
import {
  changes,
  checkForm,
  type FieldName,
  type FieldProblem,
  fieldOfApiError,
  type FormValues,
  LIMITS,
  NUMBERS,
  type RuleValues,
  type RulesInput,
  toFormValues,
  WEIGHTS,
} from './rules-form.js';
import { BusyButton } from '../../components/busy-button.js';

export const RulesQuery = graphql(`
  query AdminRules {
    matchRuleSet {
      version createdAt note schedule timezone minScore maxDistanceKm maxIntroductionsPerPersonPerRun cooldownDays excludeSameOrganisation
      weights { complementarity mutuality proximity crossSector initiativeNeed availability }
    }
    matchRuleSetHistory {
      version createdAt note schedule timezone minScore maxDistanceKm maxIntroductionsPerPersonPerRun cooldownDays excludeSameOrganisation
      weights { complementarity mutuality proximity crossSector initiativeNeed availability }
      createdBy { name }
    }
  }
`);

const PreviewMutation = graphql(`
  mutation AdminPreview($input: MatchRuleSetInput!, $sampleSize: Int!) {
    active: previewMatchRun(sampleSize: $sampleSize) {
      stats { eligiblePeople candidatePairs proposed peopleWithIntroduction meanScore }
      sample { score a { name } b { name } initiative { title } reasons { code text } }
    }
    changed: previewMatchRun(input: $input, sampleSize: $sampleSize) {
      stats { eligiblePeople candidatePairs proposed peopleWithIntroduction meanScore }
      sample { score a { name } b { name } initiative { title } reasons { code text } }
    }
  }
`);

const UpdateMutation = graphql(`
  mutation AdminUpdateRules($input: MatchRuleSetInput!) {
    updateMatchRules(input: $input) { version }
  }
`);

type Preview = ResultOf<typeof PreviewMutation>['active'];
const SAMPLE_SIZE = 5;
const STATS = ['eligiblePeople', 'candidatePairs', 'proposed', 'peopleWithIntroduction', 'meanScore'] as const;

export function RulesSection() {
  const { t, i18n } = useTranslation('beheer');
  // Saving a version (a MatchRuleSet) makes urql fetch this query again by itself.
  const [result] = useQuery({ query: RulesQuery });
  const [saved, setSaved] = useState<number | null>(null);
  const active = result.data?.matchRuleSet;
  const history = result.data?.matchRuleSetHistory ?? [];
  const language = i18n.language;

  return (
    <section aria-labelledby="rules-title" className="verbinder-admin-section">
      <Heading2 id="rules-title">{t('rules.title')}</Heading2>
      <ErrorMessage error={result.error} />
      {!active && result.fetching && <Paragraph aria-busy="true">{t('loading')}</Paragraph>}
      <div role="status" className="verbinder-admin-status">
        {saved !== null && <Paragraph>{t('rules.saved', { version: saved })}</Paragraph>}
      </div>
      {active && (
        <>
          <Heading3>{t('rules.activeTitle', { version: active.version })}</Heading3>
          <DataList className="verbinder-admin-datalist">
            {WEIGHTS.map((w) => (
              <DataListItem key={w}>
                <DataListKey>{t(`field.${w}`)}</DataListKey>
                <DataListValue>{formatNumber(language, active.weights[w], 2)}</DataListValue>
              </DataListItem>
            ))}
            {NUMBERS.map((n) => (
              <DataListItem key={n}>
                <DataListKey>{t(`field.${n}`)}</DataListKey>
                <DataListValue>{formatNumber(language, active[n], n === 'minScore' ? 2 : 0)}</DataListValue>
              </DataListItem>
            ))}
            <DataListItem>
              <DataListKey>{t('field.excludeSameOrganisation')}</DataListKey>
              <DataListValue>{t(active.excludeSameOrganisation ? 'yes' : 'no')}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t('field.schedule')}</DataListKey>
              <DataListValue>
                <code>{active.schedule}</code> ({active.timezone})
              </DataListValue>
            </DataListItem>
          </DataList>
          <RulesEditor
            key={active.version}
            active={active}
            onSaved={setSaved}
          />
        </>
      )}
      {history.length > 0 && <History history={history} />}
    </section>
  );
}

type Problems = Partial<Record<FieldName, FieldProblem | { apiMessage: string }>>;

function RulesEditor({ active, onSaved }: { active: RuleValues & { version: number }; onSaved(version: number): void }) {
  const { t, i18n } = useTranslation('beheer');
  const id = useId();
  const [form, setForm] = useState<FormValues>(() => toFormValues(active, i18n.language === 'nl'));
  const [problems, setProblems] = useState<Problems>({});
  const [preview, setPreview] = useState<{ for: string; active: Preview; changed: Preview } | null>(null);
  const [previewState, runPreview] = useMutation(PreviewMutation);
  const [updateState, update] = useMutation(UpdateMutation);
  const [apiError, setApiError] = useState<CombinedError | undefined>(undefined);

  const checked = checkForm(form);
  const currentKey = 'input' in checked ? JSON.stringify({ ...checked.input, note: null }) : null;

  function message(problem: FieldProblem | { apiMessage: string } | undefined): string | null {
    if (!problem) return null;
    if ('apiMessage' in problem) return t('problem.api', { message: problem.apiMessage });
    return t(`problem.${problem.key}`, problem.values ?? {});
  }

  function check(): RulesInput | null {
    if ('problems' in checked) {
      setProblems(checked.problems);
      return null;
    }
    setProblems({});
    return checked.input;
  }

  /** An API BAD_USER_INPUT that names a field goes next to that field; anything else above the buttons. */
  function showApiError(error: CombinedError): void {
    const first = error.graphQLErrors[0];
    const field = errorCode(error) === 'BAD_USER_INPUT' ? fieldOfApiError(first?.extensions?.field) : null;
    if (field) {
      setProblems({ [field]: { apiMessage: first!.message } });
      setApiError(undefined);
    } else setApiError(error);
  }

  async function onPreview() {
    const input = check();
    if (!input) return;
    setApiError(undefined);
    const { note: _note, ...rules } = input;
    const answer = await runPreview({ input: rules, sampleSize: SAMPLE_SIZE });
    if (answer.error) showApiError(answer.error);
    else if (answer.data) setPreview({ for: JSON.stringify({ ...input, note: null }), active: answer.data.active, changed: answer.data.changed });
  }

  async function onSave(event: FormEvent) {
    event.preventDefault();
    const input = check();
    if (!input) return;
    setApiError(undefined);
    const answer = await update({ input });
    if (answer.error) showApiError(answer.error);
    else if (answer.data) onSaved(answer.data.updateMatchRules.version);
  }

  const setWeight = (w: (typeof WEIGHTS)[number], value: string) => setForm((f) => ({ ...f, weights: { ...f.weights, [w]: value } }));
  const count = Object.keys(problems).length;
  const fieldId = (name: string) => `${id}-${name.replace('.', '-')}`;

  return (
    <form onSubmit={(event) => void onSave(event)} noValidate aria-labelledby={`${id}-title`} className="verbinder-admin-form">
      <Heading3 id={`${id}-title`}>{t('rules.editTitle')}</Heading3>
      <Paragraph>{t('rules.editIntro')}</Paragraph>
      {count > 0 && (
        <Alert type="error" role="alert">
          <Paragraph>{t('problem.summary', { count })}</Paragraph>
        </Alert>
      )}
      <Fieldset aria-describedby={problems.weights ? `${id}-weights-error` : undefined}>
        <FieldsetLegend>{t('rules.weightsLegend')}</FieldsetLegend>
        <Paragraph>{t('rules.weightsHelp', { min: LIMITS.weight.min, max: LIMITS.weight.max })}</Paragraph>
        {problems.weights && (
          <Paragraph id={`${id}-weights-error`} className="verbinder-admin-error">
            {message(problems.weights)}
          </Paragraph>
        )}
        <div className="verbinder-admin-grid">
          {WEIGHTS.map((w) => {
            const error = message(problems[`weights.${w}`]);
            const fid = fieldId(`weights.${w}`);
            return (
              <Field key={w} id={fid} label={t(`field.${w}`)} required requiredText={t('required')} error={error}>
                <Textbox
                  id={fid}
                  name={`weights.${w}`}
                  inputMode="decimal"
                  maxLength={8}
                  required
                  inputRequired
                  invalid={Boolean(error)}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy(fid, false, Boolean(error))}
                  value={form.weights[w]}
                  onChange={(e) => setWeight(w, e.target.value)}
                />
              </Field>
            );
          })}
        </div>
      </Fieldset>
      <Fieldset>
        <FieldsetLegend>{t('rules.limitsLegend')}</FieldsetLegend>
        <div className="verbinder-admin-grid">
          {NUMBERS.map((n) => {
            const error = message(problems[n]);
            const fid = fieldId(n);
            return (
              <Field
                key={n}
                id={fid}
                label={t(`field.${n}`)}
                required
                requiredText={t('required')}
                description={t(`help.${n}`, LIMITS[n])}
                error={error}
              >
                <Textbox
                  id={fid}
                  name={n}
                  inputMode={n === 'minScore' || n === 'maxDistanceKm' ? 'decimal' : 'numeric'}
                  maxLength={8}
                  required
                  inputRequired
                  invalid={Boolean(error)}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy(fid, true, Boolean(error))}
                  value={form[n]}
                  onChange={(e) => setForm((f) => ({ ...f, [n]: e.target.value }))}
                />
              </Field>
            );
          })}
        </div>
        <Field id={fieldId('excludeSameOrganisation')} label={t('field.excludeSameOrganisation')} type="checkbox">
          <Checkbox
            id={fieldId('excludeSameOrganisation')}
            name="excludeSameOrganisation"
            checked={form.excludeSameOrganisation}
            onChange={(e) => setForm((f) => ({ ...f, excludeSameOrganisation: e.target.checked }))}
          />
        </Field>
      </Fieldset>
      <Fieldset>
        <FieldsetLegend>{t('rules.scheduleLegend')}</FieldsetLegend>
        {(['schedule', 'timezone'] as const).map((name) => {
          const error = message(problems[name]);
          const fid = fieldId(name);
          return (
            <Field key={name} id={fid} label={t(`field.${name}`)} required requiredText={t('required')} description={t(`help.${name}`)} error={error}>
              <Textbox
                id={fid}
                name={name}
                maxLength={name === 'schedule' ? LIMITS.scheduleLength : LIMITS.timeZoneLength}
                required
                inputRequired
                autoComplete="off"
                spellCheck={false}
                invalid={Boolean(error)}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy(fid, true, Boolean(error))}
                value={form[name]}
                onChange={(e) => setForm((f) => ({ ...f, [name]: e.target.value }))}
              />
            </Field>
          );
        })}
      </Fieldset>
      <Field id={fieldId('note')} label={t('field.note')} description={t('help.note', { max: LIMITS.noteLength })} error={message(problems.note)}>
        <Textarea
          id={fieldId('note')}
          name="note"
          maxLength={LIMITS.noteLength}
          rows={3}
          invalid={Boolean(problems.note)}
          aria-invalid={problems.note ? true : undefined}
          aria-describedby={describedBy(fieldId('note'), true, Boolean(problems.note))}
          value={form.note}
          onChange={(e) => setForm((f) => ({ ...f, note: e.target.value }))}
        />
      </Field>
      <ErrorMessage error={apiError} />
      <ButtonGroup>
        <BusyButton type="button" appearance="secondary-action-button" busy={previewState.fetching} onClick={() => void onPreview()}>
          {t('rules.preview')}
        </BusyButton>
        <BusyButton type="submit" appearance="primary-action-button" busy={updateState.fetching}>
          {t('rules.save')}
        </BusyButton>
      </ButtonGroup>
      <div role="status" className="verbinder-admin-status">
        {previewState.fetching && <Paragraph>{t('rules.previewing')}</Paragraph>}
        {preview && preview.for === currentKey && !previewState.fetching && <Paragraph>{t('rules.previewReady')}</Paragraph>}
      </div>
      {preview && preview.for === currentKey && <PreviewView active={preview.active} changed={preview.changed} />}
      {preview && preview.for !== currentKey && <Paragraph className="verbinder-admin-note">{t('rules.previewOutdated')}</Paragraph>}
    </form>
  );
}

function PreviewView({ active, changed }: { active: Preview; changed: Preview }) {
  const { t, i18n } = useTranslation('beheer');
  const language = i18n.language;
  const show = (name: (typeof STATS)[number], value: number) => formatNumber(language, value, name === 'meanScore' ? 3 : 0);
  return (
    <section aria-labelledby="preview-title" className="verbinder-admin-preview">
      <Heading3 id="preview-title">{t('preview.title')}</Heading3>
      <Paragraph>{t('preview.intro')}</Paragraph>
      <Table>
        <TableCaption>{t('preview.statsCaption')}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('preview.measure')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('preview.active')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('preview.changed')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('preview.difference')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {STATS.map((name) => {
            const diff = changed.stats[name] - active.stats[name];
            return (
              <TableRow key={name}>
                <TableHeaderCell scope="row">{t(`stat.${name}`)}</TableHeaderCell>
                <TableCell className="verbinder-admin-number">{show(name, active.stats[name])}</TableCell>
                <TableCell className="verbinder-admin-number">{show(name, changed.stats[name])}</TableCell>
                <TableCell className="verbinder-admin-number">
                  {diff > 0 ? '+' : ''}
                  {show(name, diff)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <div className="verbinder-admin-side-by-side">
        <Sample title={t('preview.sampleActive')} sample={active.sample} />
        <Sample title={t('preview.sampleChanged')} sample={changed.sample} />
      </div>
    </section>
  );
}

function Sample({ title, sample }: { title: string; sample: Preview['sample'] }) {
  const { t, i18n } = useTranslation('beheer');
  return (
    <div>
      <Heading4>{title}</Heading4>
      {sample.length === 0 ? (
        <Paragraph>{t('preview.noProposals')}</Paragraph>
      ) : (
        <OrderedList>
          {sample.map((pair, index) => (
            <OrderedListItem key={index}>
              <strong>{t('preview.pair', { a: pair.a.name, b: pair.b.name })}</strong>
              {pair.initiative && <> — {t('preview.forInitiative', { title: pair.initiative.title })}</>}{' '}
              ({t('preview.score', { score: formatNumber(i18n.language, pair.score, 2) })})
              <UnorderedList>
                {pair.reasons.map((reason) => (
                  <UnorderedListItem key={reason.code}>{reason.text}</UnorderedListItem>
                ))}
              </UnorderedList>
            </OrderedListItem>
          ))}
        </OrderedList>
      )}
    </div>
  );
}

type HistoryEntry = ResultOf<typeof RulesQuery>['matchRuleSetHistory'][number];

function History({ history }: { history: HistoryEntry[] }) {
  const { t, i18n } = useTranslation('beheer');
  const language = i18n.language;
  const value = (field: string, text: string) => {
    if (field === 'excludeSameOrganisation') return t(text === 'true' ? 'yes' : 'no');
    const n = Number(text);
    return field === 'schedule' || field === 'timezone' || Number.isNaN(n) ? text : formatNumber(language, n, field === 'cooldownDays' || field === 'maxIntroductionsPerPersonPerRun' ? 0 : 2);
  };
  return (
    <>
      <Heading3 id="history-title">{t('history.title')}</Heading3>
      <Table aria-labelledby="history-title" className="verbinder-admin-history">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('history.version')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('history.when')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('history.by')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('history.note')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('history.changes')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {history.map((entry, index) => {
            const older = history[index + 1];
            const diff = older ? changes(older, entry) : null;
            return (
              <TableRow key={entry.version}>
                <TableHeaderCell scope="row">{entry.version}</TableHeaderCell>
                <TableCell>{formatMoment(language, entry.createdAt)}</TableCell>
                <TableCell>{entry.createdBy?.name ?? t('history.system')}</TableCell>
                <TableCell>{entry.note ?? '—'}</TableCell>
                <TableCell>
                  {!diff ? (
                    t('history.first')
                  ) : diff.length === 0 ? (
                    t('history.noChange')
                  ) : (
                    <UnorderedList>
                      {diff.map((c) => (
                        <UnorderedListItem key={c.field}>
                          {t('history.change', { field: t(`field.${c.field}`), from: value(c.field, c.from), to: value(c.field, c.to) })}
                        </UnorderedListItem>
                      ))}
                    </UnorderedList>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
}
