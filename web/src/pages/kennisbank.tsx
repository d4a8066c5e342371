// `/kennisbank` (public): the knowledge bank. Full-text search (Dutch) with filters on province,
// municipality, theme and status; the filters live in the address (shareable, and the back
// button returns to the previous search). Results come a page at a time ("Meer laden").
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link, useLocation, useSearch } from 'wouter';
import {
  Button,
  ButtonGroup,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormLabel,
  Heading2,
  Heading3,
  Paragraph,
  Select,
  SelectOption,
  Textbox,
} from '@utrecht/component-library-react';
import { AppLink } from '../components/app-link.js';
import { useDisciplines } from '../components/discipline-picker.js';
import { ErrorMessage } from '../components/error-message.js';
import { type Municipality, MunicipalityPicker } from '../components/municipality-picker.js';
import { PageTitle } from '../components/page-title.js';
import { graphql, type VariablesOf } from '../graphql.js';
import { InitiativeStatusBadge, STATUSES, type Status } from './initiative-status.js';
import './kennisbank.css';

const PAGE_SIZE = 20;
/** The API's limit on search text (SEARCH_TEXT in src/common/validation-patterns.ts). */
const TEXT_MAX = 200;

const ProvincesQuery = graphql(`
  query Provinces {
    provinces { code name }
  }
`);

const InitiativesQuery = graphql(`
  query KnowledgeBank($filter: InitiativeFilter, $first: Int, $after: String, $locale: String!) {
    initiatives(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { endCursor hasNextPage }
      edges {
        node {
          id
          title
          summary
          status
          municipality { name province { name } }
          themes { slug name(locale: $locale) }
        }
      }
    }
  }
`);

type Filter = NonNullable<VariablesOf<typeof InitiativesQuery>['filter']>;

/** The search as it is in the address: q, provincie, gemeente (+ gemeentenaam), thema, status (repeated). */
interface Search {
  text: string;
  provinceCode: string;
  municipality: Municipality | null;
  theme: string;
  statuses: Status[];
}

function readSearch(query: string): Search {
  const params = new URLSearchParams(query);
  const code = params.get('gemeente') ?? '';
  return {
    text: (params.get('q') ?? '').slice(0, TEXT_MAX),
    provinceCode: params.get('provincie') ?? '',
    municipality: code ? { code, name: params.get('gemeentenaam') ?? code } : null,
    theme: params.get('thema') ?? '',
    statuses: params.getAll('status').filter((s): s is Status => (STATUSES as readonly string[]).includes(s)),
  };
}

function writeSearch(search: Search): string {
  const params = new URLSearchParams();
  if (search.text.trim()) params.set('q', search.text.trim());
  if (search.provinceCode) params.set('provincie', search.provinceCode);
  if (search.municipality) {
    params.set('gemeente', search.municipality.code);
    params.set('gemeentenaam', search.municipality.name);
  }
  if (search.theme) params.set('thema', search.theme);
  for (const status of search.statuses) params.append('status', status);
  return params.toString();
}

function toFilter(search: Search): Filter {
  return {
    text: search.text.trim() || null,
    provinceCode: search.provinceCode || null,
    municipalityCode: search.municipality?.code ?? null,
    themes: search.theme ? [search.theme] : null,
    statuses: search.statuses.length ? search.statuses : null,
  };
}

export default function KnowledgeBank() {
  const { t } = useTranslation('knowledge-bank');
  const query = useSearch();
  const [, navigate] = useLocation();
  const search = readSearch(query);
  return (
    <>
      <PageTitle title={t('list.title')} />
      <Paragraph lead>{t('list.lead')}</Paragraph>
      {/* Keyed on the address, so going back shows that search's filters again. */}
      <SearchForm key={`form-${query}`} initial={search} onSearch={(next) => navigate(`/kennisbank${next ? `?${next}` : ''}`)} />
      <Results key={`results-${query}`} filter={toFilter(search)} />
    </>
  );
}

function SearchForm({ initial, onSearch }: { initial: Search; onSearch(query: string): void }) {
  const { t, i18n } = useTranslation('knowledge-bank');
  const id = useId();
  const [search, setSearch] = useState<Search>(initial);
  const [provinces] = useQuery({ query: ProvincesQuery });
  const { roots } = useDisciplines();
  const collator = new Intl.Collator(i18n.language);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(writeSearch(search));
  };
  const toggleStatus = (status: Status, on: boolean) =>
    setSearch((s) => ({ ...s, statuses: on ? [...s.statuses, status] : s.statuses.filter((x) => x !== status) }));

  return (
    <form role="search" aria-label={t('list.searchLabel')} onSubmit={submit} className="verbinder-kb-form">
      <FormField>
        <FormLabel htmlFor={`${id}-text`}>{t('list.text')}</FormLabel>
        <FormFieldDescription id={`${id}-text-description`}>{t('list.textDescription')}</FormFieldDescription>
        <Textbox
          id={`${id}-text`}
          type="search"
          maxLength={TEXT_MAX}
          aria-describedby={`${id}-text-description`}
          value={search.text}
          onChange={(event) => setSearch((s) => ({ ...s, text: event.target.value }))}
        />
      </FormField>
      <div className="verbinder-kb-form__row">
        <FormField>
          <FormLabel htmlFor={`${id}-province`}>{t('list.province')}</FormLabel>
          <Select id={`${id}-province`} value={search.provinceCode} onChange={(event) => setSearch((s) => ({ ...s, provinceCode: event.target.value }))}>
            <SelectOption value="">{t('list.anyProvince')}</SelectOption>
            {[...(provinces.data?.provinces ?? [])]
              .sort((a, b) => collator.compare(a.name, b.name))
              .map((province) => (
                <SelectOption key={province.code} value={province.code}>
                  {province.name}
                </SelectOption>
              ))}
          </Select>
        </FormField>
        <FormField>
          <FormLabel htmlFor={`${id}-theme`}>{t('list.theme')}</FormLabel>
          <Select id={`${id}-theme`} value={search.theme} onChange={(event) => setSearch((s) => ({ ...s, theme: event.target.value }))}>
            <SelectOption value="">{t('list.anyTheme')}</SelectOption>
            {roots.map((root) => (
              <optgroup key={root.slug} label={root.name}>
                <SelectOption value={root.slug}>{t('list.wholeTheme', { name: root.name })}</SelectOption>
                {root.children.map((child) => (
                  <SelectOption key={child.slug} value={child.slug}>
                    {child.name}
                  </SelectOption>
                ))}
              </optgroup>
            ))}
          </Select>
        </FormField>
      </div>
      <MunicipalityPicker
        label={t('list.municipality')}
        value={search.municipality}
        onChange={(municipality) => setSearch((s) => ({ ...s, municipality }))}
      />
      <Fieldset>
        <FieldsetLegend>{t('list.status')}</FieldsetLegend>
        <div className="verbinder-kb-form__statuses">
          {STATUSES.map((status) => (
            <FormField key={status} type="checkbox" className="verbinder-checkbox-row">
              <Checkbox
                id={`${id}-status-${status}`}
                checked={search.statuses.includes(status)}
                onChange={(event) => toggleStatus(status, event.target.checked)}
              />
              <FormLabel htmlFor={`${id}-status-${status}`} type="checkbox">
                {t(`status.${status}`)}
              </FormLabel>
            </FormField>
          ))}
        </div>
      </Fieldset>
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button">
          {t('list.submit')}
        </Button>
        <AppLink href="/kennisbank">{t('list.clear')}</AppLink>
      </ButtonGroup>
    </form>
  );
}

function Results({ filter }: { filter: Filter }) {
  const { t, i18n } = useTranslation('knowledge-bank');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const variables = (after: string | null) => ({ filter, first: PAGE_SIZE, after, locale: i18n.language });
  const [first] = useQuery({ query: InitiativesQuery, variables: variables(null), requestPolicy: 'cache-first' });
  const [last] = useQuery({ query: InitiativesQuery, variables: variables(cursors.at(-1) ?? null), requestPolicy: 'cache-first' });

  const total = first.data?.initiatives.totalCount;
  const pageInfo = last.data?.initiatives.pageInfo;
  return (
    <section aria-labelledby="kb-results" className="verbinder-kb-results">
      <Heading2 id="kb-results">{t('list.results')}</Heading2>
      <ErrorMessage error={first.error} />
      <Paragraph role="status">
        {first.fetching && total === undefined ? t('list.searching') : total !== undefined ? t('list.count', { count: total }) : ''}
      </Paragraph>
      {total === 0 && <Paragraph>{t('list.empty')}</Paragraph>}
      <ul data-testid="initiative-list" className="verbinder-kb-list">
        {cursors.map((after, index) => (
          <ResultPage key={after ?? 'first'} variables={variables(after)} focusFirst={index > 0} />
        ))}
      </ul>
      {cursors.length > 1 && <ErrorMessage error={last.error} />}
      {last.fetching && cursors.length > 1 && <Paragraph aria-busy="true">{t('list.loadingMore')}</Paragraph>}
      {pageInfo?.hasNextPage && pageInfo.endCursor && !last.fetching && (
        <Button appearance="secondary-action-button" onClick={() => setCursors((c) => [...c, pageInfo.endCursor])}>
          {t('list.more')}
        </Button>
      )}
    </section>
  );
}

function ResultPage({ variables, focusFirst }: { variables: VariablesOf<typeof InitiativesQuery>; focusFirst: boolean }) {
  const { t } = useTranslation('knowledge-bank');
  const [result] = useQuery({ query: InitiativesQuery, variables, requestPolicy: 'cache-first' });
  const firstLink = useRef<HTMLAnchorElement>(null);
  const edges = result.data?.initiatives.edges;
  // After "Meer laden", focus moves to the first new result (the button itself moves down).
  useEffect(() => {
    if (focusFirst && edges?.length) firstLink.current?.focus();
  }, [focusFirst, edges]);
  return (
    <>
      {edges?.map(({ node }, index) => (
        <li key={node.id} className="verbinder-kb-item">
          <Heading3 className="verbinder-kb-item__title">
            <Link ref={index === 0 ? firstLink : undefined} href={`/initiatieven/${node.id}`} className="utrecht-link utrecht-link--html-a">
              {node.title}
            </Link>
          </Heading3>
          <Paragraph className="verbinder-kb-item__meta">
            <span>{t('list.place', { municipality: node.municipality.name, province: node.municipality.province.name })}</span>
            <InitiativeStatusBadge status={node.status} />
          </Paragraph>
          <Paragraph>{node.summary}</Paragraph>
          {node.themes.length > 0 && (
            <Paragraph className="verbinder-kb-item__themes">
              <span className="verbinder-kb-item__label">{t('list.themes')}</span> {node.themes.map((theme) => theme.name).join(', ')}
            </Paragraph>
          )}
        </li>
      ))}
    </>
  );
}
