// `/mijn-initiatieven`: the initiatives the signed-in person is an initiator of, newest first,
// each with its status and open needs, and the way to start a new one.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Button, Heading2, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { AppLink } from '../../components/app-link.js';
import { ErrorMessage } from '../../components/error-message.js';
import { PageTitle } from '../../components/page-title.js';
import { RequireSignIn } from '../../components/require-sign-in.js';
import { graphql } from '../../graphql.js';

const MyInitiativesQuery = graphql(`
  query MyInitiatives {
    me {
      professional {
        id
        initiatives { id title summary status createdAt municipality { name } needs { id fulfilled } }
      }
    }
  }
`);

const PAGE = 20;

export default function MyInitiativesPage() {
  return (
    <RequireSignIn>
      <MyInitiatives />
    </RequireSignIn>
  );
}

function MyInitiatives() {
  const { t } = useTranslation('initiator');
  const [result] = useQuery({ query: MyInitiativesQuery });
  const [shown, setShown] = useState(PAGE);
  const list = useRef<HTMLUListElement>(null);
  const initiatives = [...(result.data?.me?.professional.initiatives ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  const more = () => {
    const first = shown;
    setShown(shown + PAGE);
    requestAnimationFrame(() => list.current?.querySelectorAll<HTMLElement>('li a')[first]?.focus());
  };

  return (
    <div className="verbinder-stack">
      <PageTitle title={t('mine.title')} />
      <Paragraph lead>{t('mine.lead')}</Paragraph>
      <Paragraph>
        <AppLink href="/mijn-initiatieven/nieuw">{t('mine.new')}</AppLink>
      </Paragraph>
      <ErrorMessage error={result.error} />
      {result.fetching && !result.data && <Paragraph aria-busy="true">{t('loading')}</Paragraph>}
      {result.data && (
        <>
          <Heading2>{t('mine.listTitle')}</Heading2>
          <Paragraph role="status">{initiatives.length === 0 ? t('mine.none') : t('mine.count', { count: initiatives.length })}</Paragraph>
          <ul ref={list} className="verbinder-card-list">
            {initiatives.slice(0, shown).map((initiative) => {
              const open = initiative.needs.filter((need) => !need.fulfilled).length;
              return (
                <li key={initiative.id} className="verbinder-card">
                  <h3 className="utrecht-heading-3">
                    <AppLink href={`/mijn-initiatieven/${initiative.id}`}>{initiative.title}</AppLink>
                  </h3>
                  <Paragraph>{initiative.summary}</Paragraph>
                  <Paragraph className="verbinder-meta">
                    <StatusBadge>{t(`status.${initiative.status}`)}</StatusBadge> {initiative.municipality.name} ·{' '}
                    {t('mine.openNeeds', { count: open })}
                  </Paragraph>
                </li>
              );
            })}
          </ul>
          {initiatives.length > shown && (
            <Button appearance="secondary-action-button" onClick={more}>
              {t('loadMore')}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
