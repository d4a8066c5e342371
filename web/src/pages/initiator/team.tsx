// `/mijn-initiatieven/:id/team` (an initiator of it, or an admin): the team Verbinder suggests
// (suggestTeam): per person the needs they cover and why, and the needs nobody covers yet.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useParams } from 'wouter';
import { FormField, FormLabel, Heading2, Heading3, Paragraph, Select, SelectOption, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { AppLink } from '../../components/app-link.js';
import { ErrorMessage } from '../../components/error-message.js';
import { PageTitle } from '../../components/page-title.js';
import { RequireSignIn } from '../../components/require-sign-in.js';
import { graphql } from '../../graphql.js';
import { useMe } from '../../me.js';

const TeamQuery = graphql(`
  query SuggestTeam($id: ID!, $max: Int!, $locale: String!) {
    suggestTeam(initiativeId: $id, maxMembers: $max) {
      members {
        professional { id name headline organisation sector municipality { name } availableHoursPerMonth }
        covers { id level hoursPerMonth discipline { slug name(locale: $locale) } }
        reasons { code text weight }
      }
      uncovered { id level hoursPerMonth discipline { slug name(locale: $locale) } }
    }
  }
`);

const TeamInitiative = graphql(`
  query TeamInitiative($id: ID!) {
    initiative(id: $id) { id title initiators { id } }
  }
`);

const SIZES = [3, 5, 10, 20] as const;

export default function TeamPage() {
  return (
    <RequireSignIn>
      <Team />
    </RequireSignIn>
  );
}

function Team() {
  const { t } = useTranslation('initiator');
  const { id = '' } = useParams<{ id: string }>();
  const { me, isAdmin } = useMe();
  const [result] = useQuery({ query: TeamInitiative, variables: { id } });
  const initiative = result.data?.initiative ?? null;
  const mayChange = Boolean(initiative && (isAdmin || initiative.initiators.some((p) => p.id === me?.professional.id)));

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
        <PageTitle title={t('team.title', { title: initiative.title })} />
        <Paragraph>{t('team.notYours')}</Paragraph>
        <Paragraph>
          <AppLink href={`/initiatieven/${initiative.id}`}>{t('edit.publicPage')}</AppLink>
        </Paragraph>
      </>
    );
  }
  return (
    <div className="verbinder-stack">
      <PageTitle title={t('team.title', { title: initiative.title })} />
      <Paragraph lead>{t('team.lead')}</Paragraph>
      <Paragraph>
        <AppLink href={`/mijn-initiatieven/${initiative.id}`}>{t('team.back')}</AppLink>
      </Paragraph>
      <Suggestion id={initiative.id} />
    </div>
  );
}

function Suggestion({ id }: { id: string }) {
  const { t, i18n } = useTranslation('initiator');
  const { me } = useMe();
  const sizeId = useId();
  const [max, setMax] = useState<number>(5);
  const [result] = useQuery({ query: TeamQuery, variables: { id, max, locale: i18n.language } });
  const team = result.data?.suggestTeam;
  // The reasons come in the account's language; say so to screen readers when it is not the page's.
  const reasonsLang = me?.preferences.locale && me.preferences.locale !== i18n.language ? me.preferences.locale : undefined;
  const need = (n: { level: string; hoursPerMonth: number | null; discipline: { name: string } }) =>
    n.hoursPerMonth
      ? t('team.needWithHours', { name: n.discipline.name, level: t(`level.${n.level}`), hours: n.hoursPerMonth })
      : t('team.need', { name: n.discipline.name, level: t(`level.${n.level}`) });

  return (
    <>
      <FormField>
        <FormLabel htmlFor={sizeId} className="verbinder-block-label">{t('team.size')}</FormLabel>
        <Select id={sizeId} value={String(max)} onChange={(event) => setMax(Number(event.target.value))}>
          {SIZES.map((size) => (
            <SelectOption key={size} value={String(size)}>
              {t('team.sizeOption', { count: size })}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      <ErrorMessage error={result.error} />
      {result.fetching && !team && <Paragraph aria-busy="true">{t('loading')}</Paragraph>}
      {team && (
        <div className="verbinder-stack">
          <Heading2>{t('team.membersTitle')}</Heading2>
          <Paragraph role="status">{team.members.length === 0 ? t('team.noMembers') : t('team.memberCount', { count: team.members.length })}</Paragraph>
          <ul className="verbinder-card-list">
            {team.members.map((member) => (
              <li key={member.professional.id} className="verbinder-card">
                <Heading3>{member.professional.name}</Heading3>
                {member.professional.headline && <Paragraph>{member.professional.headline}</Paragraph>}
                <Paragraph className="verbinder-meta">
                  {[member.professional.organisation, t(`sector.${member.professional.sector}`), member.professional.municipality?.name].filter(Boolean).join(' · ')}
                </Paragraph>
                <Paragraph>
                  <strong>{t('team.covers')}</strong>
                </Paragraph>
                <UnorderedList>
                  {member.covers.map((c) => (
                    <UnorderedListItem key={c.id}>{need(c)}</UnorderedListItem>
                  ))}
                </UnorderedList>
                <Paragraph>
                  <strong>{t('team.why')}</strong>
                </Paragraph>
                <UnorderedList lang={reasonsLang}>
                  {member.reasons.map((reason, index) => (
                    <UnorderedListItem key={`${reason.code}-${index}`}>{reason.text}</UnorderedListItem>
                  ))}
                </UnorderedList>
              </li>
            ))}
          </ul>
          <Heading2>{t('team.uncoveredTitle')}</Heading2>
          {team.uncovered.length === 0 ? (
            <Paragraph>{t('team.allCovered')}</Paragraph>
          ) : (
            <>
              <Paragraph>{t('team.uncoveredLead')}</Paragraph>
              <UnorderedList>
                {team.uncovered.map((n) => (
                  <UnorderedListItem key={n.id}>{need(n)}</UnorderedListItem>
                ))}
              </UnorderedList>
              <Paragraph>
                <AppLink href="/zoeken">{t('team.searchLink')}</AppLink>
              </Paragraph>
            </>
          )}
        </div>
      )}
    </>
  );
}
