// `/zoeken` (signed in): find experts (searchExperts) by disciplines, by text, or both; near a
// place within a distance, at a minimum level, in sectors. Each result says in words why it is
// there (matched disciplines, distance) and how well it fits; results come a page at a time.
import { type FormEvent, useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Alert, Button, Checkbox, Fieldset, FieldsetLegend, FormField, FormLabel, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { DisciplinePicker, useDisciplines } from '../../components/discipline-picker.js';
import { ErrorMessage } from '../../components/error-message.js';
import { type Municipality, MunicipalityPicker } from '../../components/municipality-picker.js';
import { PageTitle } from '../../components/page-title.js';
import { RequireSignIn } from '../../components/require-sign-in.js';
import { graphql, type VariablesOf } from '../../graphql.js';
import { focusFirstError, TextField } from './initiative-fields.js';
import { LevelSelect, LIMITS, type Sector, SECTORS } from './shared.js';

const SearchExperts = graphql(`
  query SearchExperts($input: ExpertSearchInput!, $after: String, $first: Int!, $locale: String!) {
    searchExperts(input: $input, after: $after, first: $first) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor score distanceKm
        matchedDisciplines { slug name(locale: $locale) }
        node { id name headline organisation sector municipality { name } availableHoursPerMonth offers { level discipline { slug name(locale: $locale) } } }
      }
    }
  }
`);

type SearchInput = VariablesOf<typeof SearchExperts>['input'];
const PAGE_SIZE = 10;

export default function ExpertSearchPage() {
  return (
    <RequireSignIn>
      <ExpertSearch />
    </RequireSignIn>
  );
}

interface Errors {
  what?: string;
  withinKm?: string;
  text?: string;
  minLevel?: string;
  disciplines?: string;
}

function ExpertSearch() {
  const { t } = useTranslation('initiator');
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [disciplines, setDisciplines] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [place, setPlaceState] = useState<Municipality | null>(null);
  const setPlace = useCallback((value: Municipality | null) => setPlaceState(value), []);
  const [withinKm, setWithinKm] = useState('');
  const [minLevel, setMinLevel] = useState('');
  const [sectors, setSectors] = useState<Sector[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [input, setInput] = useState<SearchInput | null>(null);
  const [searchNumber, setSearchNumber] = useState(0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    const words = text.trim() ? text.trim().split(/\s+/).length : 0;
    if (disciplines.length === 0 && !text.trim()) found.what = t('search.errorWhat');
    if (disciplines.length > LIMITS.searchDisciplines.max) found.disciplines = t('validation.themes', LIMITS.searchDisciplines);
    if (words > LIMITS.searchText.maxWords) found.text = t('search.errorWords', LIMITS.searchText);
    if (minLevel && disciplines.length === 0) found.minLevel = t('search.errorLevel');
    const km = withinKm.trim() ? Number(withinKm.replace(',', '.')) : null;
    if (km !== null && (!Number.isFinite(km) || km < LIMITS.withinKm.min || km > LIMITS.withinKm.max)) found.withinKm = t('search.errorKm', LIMITS.withinKm);
    else if (km !== null && !place) found.withinKm = t('search.errorKmPlace');
    setErrors(found);
    if (Object.keys(found).length) {
      requestAnimationFrame(() => focusFirstError(form.current));
      return;
    }
    setInput({
      disciplines,
      text: text.trim() || null,
      municipalityCode: place?.code ?? null,
      withinKm: km,
      minLevel: (minLevel || null) as SearchInput['minLevel'],
      sectors: sectors.length ? sectors : null,
    });
    setSearchNumber((n) => n + 1);
  };

  const errorList = Object.values(errors).filter(Boolean);
  return (
    <div className="verbinder-stack">
      <PageTitle title={t('search.title')} />
      <Paragraph lead>{t('search.lead')}</Paragraph>
      <form ref={form} className="verbinder-form" noValidate onSubmit={submit} aria-labelledby={`${id}-form-title`}>
        <Heading2 id={`${id}-form-title`}>{t('search.formTitle')}</Heading2>
        {errorList.length > 0 && (
          <Alert type="error" role="alert">
            {errorList.map((error) => (
              <Paragraph key={error}>{error}</Paragraph>
            ))}
          </Alert>
        )}
        <TextField
          id={`${id}-text`}
          label={t('search.text')}
          description={t('search.textHelp')}
          value={text}
          maxLength={LIMITS.searchText.max}
          error={errors.text ?? (errors.what && disciplines.length === 0 ? errors.what : undefined)}
          onChange={setText}
        />
        <div data-invalid={errors.disciplines ? 'true' : undefined}>
          <DisciplinePicker legend={t('search.disciplines')} description={t('search.disciplinesHelp')} selected={disciplines} onChange={setDisciplines} />
        </div>
        <LevelSelect label={t('search.minLevel')} description={t('search.minLevelHelp')} allowAny value={minLevel} onChange={setMinLevel} />
        <MunicipalityPicker label={t('search.place')} description={t('search.placeHelp')} value={place} onChange={setPlace} />
        <TextField
          id={`${id}-km`}
          label={t('search.withinKm')}
          description={t('search.withinKmHelp', LIMITS.withinKm)}
          value={withinKm}
          inputMode="decimal"
          maxLength={5}
          error={errors.withinKm}
          onChange={setWithinKm}
        />
        <Fieldset>
          <FieldsetLegend>{t('search.sectors')}</FieldsetLegend>
          {SECTORS.map((sector) => (
            <FormField key={sector} type="checkbox" className="verbinder-checkbox-row">
              <Checkbox
                id={`${id}-sector-${sector}`}
                checked={sectors.includes(sector)}
                onChange={(event) => setSectors(event.target.checked ? [...sectors, sector] : sectors.filter((s) => s !== sector))}
              />
              <FormLabel htmlFor={`${id}-sector-${sector}`} type="checkbox">
                {t(`sector.${sector}`)}
              </FormLabel>
            </FormField>
          ))}
        </Fieldset>
        <Button type="submit" appearance="primary-action-button">
          {t('search.submit')}
        </Button>
      </form>
      {input && <Results key={searchNumber} input={input} />}
    </div>
  );
}

function Results({ input }: { input: SearchInput }) {
  const { t } = useTranslation('initiator');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <section aria-labelledby="results-title" className="verbinder-results">
      <Heading2 id="results-title">{t('search.resultsTitle')}</Heading2>
      {cursors.map((after, index) => (
        <ResultPage
          key={after ?? 'first'}
          input={input}
          after={after}
          first={index === 0}
          last={index === cursors.length - 1}
          onMore={(cursor) => setCursors([...cursors, cursor])}
        />
      ))}
    </section>
  );
}

function ResultPage({ input, after, first, last, onMore }: { input: SearchInput; after: string | null; first: boolean; last: boolean; onMore(cursor: string): void }) {
  const { t, i18n } = useTranslation('initiator');
  const { nameOf } = useDisciplines();
  const [result] = useQuery({ query: SearchExperts, variables: { input, after, first: PAGE_SIZE, locale: i18n.language } });
  const data = result.data?.searchExperts;
  const focusNew = useCallback((element: HTMLUListElement | null) => {
    // A page loaded with "Load more": its first result gets focus, so keyboard users go on there.
    if (element && !first) element.querySelector<HTMLElement>('h3')?.focus();
  }, [first]);

  return (
    <>
      <ErrorMessage error={result.error} />
      {result.fetching && !data && <Paragraph aria-busy="true">{t('search.searching')}</Paragraph>}
      {data && first && (
        <Paragraph role="status">{data.totalCount === 0 ? t('search.none') : t('search.count', { count: data.totalCount })}</Paragraph>
      )}
      {data && data.edges.length > 0 && (
        <ul ref={focusNew} className="verbinder-card-list">
          {data.edges.map((edge) => {
            const expert = edge.node;
            const matched = edge.matchedDisciplines.map((d) => {
              const offer = expert.offers.find((o) => o.discipline.slug === d.slug);
              return offer ? t('search.matchedAt', { name: d.name, level: t(`level.${offer.level}`) }) : d.name;
            });
            return (
              <li key={expert.id} className="verbinder-card">
                <Heading3 tabIndex={-1}>{expert.name}</Heading3>
                {expert.headline && <Paragraph>{expert.headline}</Paragraph>}
                <Paragraph className="verbinder-meta">
                  {[expert.organisation, t(`sector.${expert.sector}`), expert.municipality?.name].filter(Boolean).join(' · ')}
                </Paragraph>
                <Paragraph>
                  <strong>{t('search.fit', { percent: Math.round(edge.score * 100) })}</strong>
                </Paragraph>
                <ul className="verbinder-reasons">
                  {matched.length > 0 && <li>{t('search.matched', { list: matched.join(', ') })}</li>}
                  {input.disciplines.length === 0 && input.text && <li>{t('search.textMatch', { text: input.text })}</li>}
                  {input.municipalityCode &&
                    (edge.distanceKm === null ? (
                      <li>{t('search.distanceUnknown')}</li>
                    ) : edge.distanceKm === 0 ? (
                      <li>{t('search.samePlace')}</li>
                    ) : (
                      <li>{t('search.distance', { km: Math.max(1, Math.round(edge.distanceKm)) })}</li>
                    ))}
                  <li>
                    {expert.availableHoursPerMonth === null || expert.availableHoursPerMonth === undefined
                      ? t('search.hoursUnknown')
                      : t('search.hours', { count: expert.availableHoursPerMonth })}
                  </li>
                </ul>
                {expert.offers.length > 0 && (
                  <Paragraph className="verbinder-meta">
                    {t('search.offers', { list: expert.offers.map((o) => `${nameOf(o.discipline.slug)} (${t(`level.${o.level}`)})`).join(', ') })}
                  </Paragraph>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {data && last && data.pageInfo.hasNextPage && data.pageInfo.endCursor && (
        <Button appearance="secondary-action-button" onClick={() => onMore(data.pageInfo.endCursor!)}>
          {t('loadMore')}
        </Button>
      )}
    </>
  );
}
