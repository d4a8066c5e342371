// `/initiatieven/:id` (public, shareable): one initiative of the knowledge bank — what it is,
// where, its status and themes, lessons learned, who started it, which expertise it still needs,
// and how to offer help (signed out: sign in and come back here).
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { errorCode } from '../client.js';
import { AppLink } from '../components/app-link.js';
import { ErrorMessage } from '../components/error-message.js';
import { PageTitle } from '../components/page-title.js';
import { signInHref } from '../components/require-sign-in.js';
import { graphql } from '../graphql.js';
import { useSession } from '../session.js';
import { InitiativeStatusBadge } from './initiative-status.js';
import './kennisbank.css';

const InitiativeQuery = graphql(`
  query InitiativePage($id: ID!, $locale: String!) {
    initiative(id: $id) {
      id
      title
      summary
      description
      lessonsLearned
      status
      createdAt
      municipality { name province { name } }
      themes { slug name(locale: $locale) }
      initiators { id name organisation }
      needs { id fulfilled level hoursPerMonth discipline { slug name(locale: $locale) } }
    }
  }
`);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default function InitiativePage() {
  const { id = '' } = useParams<{ id: string }>();
  // Not an id at all: not found, without asking the API.
  if (!UUID.test(id)) return <NotFoundInitiative />;
  return <Initiative id={id} />;
}

function NotFoundInitiative() {
  const { t } = useTranslation('knowledge-bank');
  return (
    <>
      <PageTitle title={t('initiative.notFound.title')} />
      <Paragraph>{t('initiative.notFound.body')}</Paragraph>
      <Paragraph>
        <AppLink href="/kennisbank">{t('initiative.back')}</AppLink>
      </Paragraph>
    </>
  );
}

function Initiative({ id }: { id: string }) {
  const { t, i18n } = useTranslation('knowledge-bank');
  const { token } = useSession();
  const [result] = useQuery({ query: InitiativeQuery, variables: { id, locale: i18n.language } });
  const initiative = result.data?.initiative;

  if (result.fetching && !result.data) return <Paragraph aria-busy="true">{t('loading', { ns: 'common' })}</Paragraph>;
  if (result.error && errorCode(result.error) !== 'NOT_FOUND') {
    return (
      <>
        <PageTitle title={t('initiative.errorTitle')} />
        <ErrorMessage error={result.error} />
      </>
    );
  }
  if (!initiative) return <NotFoundInitiative />;

  const openNeeds = initiative.needs.filter((need) => !need.fulfilled);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(initiative.createdAt));
  return (
    <article>
      <Paragraph>
        <AppLink href="/kennisbank">{t('initiative.back')}</AppLink>
      </Paragraph>
      <PageTitle title={initiative.title} />
      <Paragraph lead>{initiative.summary}</Paragraph>
      <DataList className="verbinder-initiative-facts">
        <DataListItem>
          <DataListKey>{t('initiative.place')}</DataListKey>
          <DataListValue>{t('list.place', { municipality: initiative.municipality.name, province: initiative.municipality.province.name })}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('initiative.status')}</DataListKey>
          <DataListValue>
            <InitiativeStatusBadge status={initiative.status} />
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('initiative.themes')}</DataListKey>
          <DataListValue>{initiative.themes.length ? initiative.themes.map((theme) => theme.name).join(', ') : t('initiative.noThemes')}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('initiative.since')}</DataListKey>
          <DataListValue>{date}</DataListValue>
        </DataListItem>
      </DataList>

      {initiative.description && (
        <>
          <Heading2>{t('initiative.description')}</Heading2>
          <Paragraph className="verbinder-prose">{initiative.description}</Paragraph>
        </>
      )}

      <Heading2>{t('initiative.lessons')}</Heading2>
      <Paragraph className="verbinder-prose">{initiative.lessonsLearned || t('initiative.noLessons')}</Paragraph>

      <Heading2>{t('initiative.initiators')}</Heading2>
      {initiative.initiators.length ? (
        <UnorderedList>
          {initiative.initiators.map((person) => (
            <UnorderedListItem key={person.id}>
              {person.organisation ? t('initiative.initiatorAt', { name: person.name, organisation: person.organisation }) : person.name}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : (
        <Paragraph>{t('initiative.noInitiators')}</Paragraph>
      )}

      <Heading2 id="needs">{t('initiative.needs')}</Heading2>
      {openNeeds.length ? (
        <Table aria-labelledby="needs">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('initiative.need.discipline')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('initiative.need.level')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('initiative.need.hours')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {openNeeds.map((need) => (
              <TableRow key={need.id}>
                <TableCell>{need.discipline.name}</TableCell>
                <TableCell>{t(`level.${need.level}`)}</TableCell>
                <TableCell>{need.hoursPerMonth ? t('initiative.need.hoursValue', { count: need.hoursPerMonth }) : t('initiative.need.hoursUnknown')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <Paragraph>{t('initiative.noNeeds')}</Paragraph>
      )}

      <section aria-labelledby="help" className="verbinder-help">
        <Heading2 id="help">{t('initiative.help.title')}</Heading2>
        {token ? (
          <>
            <Paragraph>{t('initiative.help.signedIn')}</Paragraph>
            <UnorderedList>
              <UnorderedListItem>
                <AppLink href="/profiel">{t('initiative.help.profile')}</AppLink>
              </UnorderedListItem>
              <UnorderedListItem>
                <AppLink href="/kennismakingen">{t('initiative.help.introductions')}</AppLink>
              </UnorderedListItem>
            </UnorderedList>
          </>
        ) : (
          <>
            <Paragraph>{t('initiative.help.signedOut')}</Paragraph>
            <Paragraph>
              <Link href={signInHref(`/initiatieven/${initiative.id}`)} className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action">
                {t('initiative.help.action')}
              </Link>
            </Paragraph>
          </>
        )}
      </section>
    </article>
  );
}
