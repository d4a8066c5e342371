// `/kennismakingen`: my introductions, newest first, a page at a time, optionally of one status.
// Each shows the other person, the initiative if any and why Verbinder suggested it; while open,
// a yes and a no; once both said yes (CONNECTED), the other's email address and "was this useful?".
// The email sent on a connection links here.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CombinedError, useMutation, useQuery } from 'urql';
import {
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Heading3,
  Paragraph,
  RadioButton,
  Select,
  SelectOption,
  StatusBadge,
  Textarea,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { AppLink } from '../components/app-link.js';
import { ErrorMessage } from '../components/error-message.js';
import { PageTitle } from '../components/page-title.js';
import { RequireSignIn } from '../components/require-sign-in.js';
import { graphql, type ResultOf } from '../graphql.js';
import { BusyButton } from '../components/busy-button.js';
import './introductions.css';

const PAGE_SIZE = 10;
/** The API's limit on a rating's comment (MAX_COMMENT_LENGTH in introductions.service.ts). */
export const MAX_COMMENT = 1000;
// The filter offers the statuses that mean the same to everyone. The API's ACCEPTED means "one of
// you said yes", so the card reads the viewer's own answer (myAnswer) instead.
const STATUSES = ['CONNECTED', 'DECLINED', 'EXPIRED'] as const;
type Status = (typeof STATUSES)[number];


const MyIntroductionsQuery = graphql(`
  query MyIntroductions($first: Int!, $after: String, $status: IntroductionStatus) {
    myIntroductions(first: $first, after: $after, status: $status) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id kind status createdAt counterpartEmail myAnswer myRating
          counterpart { id name headline organisation municipality { code name } }
          initiative { id title }
          reasons { code text }
        }
      }
    }
  }
`);

const RespondMutation = graphql(`
  mutation RespondToIntroduction($id: ID!, $accept: Boolean!) {
    respondToIntroduction(id: $id, accept: $accept) { id status counterpartEmail myAnswer }
  }
`);

const RateMutation = graphql(`
  mutation RateIntroduction($id: ID!, $useful: Boolean!, $comment: String) {
    rateIntroduction(id: $id, useful: $useful, comment: $comment) { id status myRating }
  }
`);

type Introduction = ResultOf<typeof MyIntroductionsQuery>['myIntroductions']['edges'][number]['node'];

export default function IntroductionsPage() {
  const { t } = useTranslation('introductions');
  return (
    <RequireSignIn>
      <PageTitle title={t('title')} />
      <Paragraph lead>{t('lead')}</Paragraph>
      <IntroductionList />
    </RequireSignIn>
  );
}

function IntroductionList() {
  const { t } = useTranslation('introductions');
  const id = useId();
  const [status, setStatus] = useState<Status | ''>('');
  // The cursors of the pages shown: the first page, then one per "load more".
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <>
      <FormField className="verbinder-introductions-filter">
        <FormLabel htmlFor={`${id}-status`}>{t('filter.label')}</FormLabel>
        <Select
          id={`${id}-status`}
          value={status}
          onChange={(event) => {
            setStatus(event.target.value as Status | '');
            setCursors([null]);
          }}
        >
          <SelectOption value="">{t('filter.all')}</SelectOption>
          {STATUSES.map((value) => (
            <SelectOption key={value} value={value}>
              {t(`status.${value}`)}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      {cursors.map((after, index) => (
        <IntroductionPage
          key={`${status}-${after ?? 'first'}`}
          first={index === 0}
          after={after}
          status={status || null}
          isLast={index === cursors.length - 1}
          onMore={(cursor) => setCursors((current) => [...current, cursor])}
        />
      ))}
    </>
  );
}

function IntroductionPage({
  first,
  after,
  status,
  isLast,
  onMore,
}: {
  first: boolean;
  after: string | null;
  status: Status | null;
  isLast: boolean;
  onMore(cursor: string): void;
}) {
  const { t } = useTranslation('introductions');
  const [result] = useQuery({ query: MyIntroductionsQuery, variables: { first: PAGE_SIZE, after, status } });
  const data = result.data?.myIntroductions;
  if (!data) {
    if (result.error) return <ErrorMessage error={result.error} />;
    return <Paragraph aria-busy="true">{t('loading')}</Paragraph>;
  }
  return (
    <>
      {first && (
        <Paragraph role="status" className="verbinder-introductions-count">
          {data.totalCount === 0 ? (status ? t('emptyStatus') : t('empty')) : t('count', { count: data.totalCount })}
        </Paragraph>
      )}
      {data.edges.length > 0 && (
        <ol className="verbinder-introductions" aria-label={first ? t('listLabel') : t('listMoreLabel')}>
          {data.edges.map(({ node }) => (
            <li key={node.id}>
              <IntroductionCard introduction={node} />
            </li>
          ))}
        </ol>
      )}
      {isLast && data.pageInfo.hasNextPage && data.pageInfo.endCursor && (
        <ButtonGroup>
          <Button appearance="secondary-action-button" onClick={() => onMore(data.pageInfo.endCursor!)}>
            {t('more')}
          </Button>
        </ButtonGroup>
      )}
    </>
  );
}

const BADGE: Record<string, string> = {
  PROPOSED: 'neutral',
  SENT: 'neutral',
  ACCEPTED: 'warning',
  CONNECTED: 'safe',
  DECLINED: 'danger',
  EXPIRED: 'neutral',
};

function IntroductionCard({ introduction }: { introduction: Introduction }) {
  const { t, i18n } = useTranslation('introductions');
  const id = useId();
  const { counterpart, initiative } = introduction;
  const [{ fetching }, respond] = useMutation(RespondMutation);
  const [error, setError] = useState<CombinedError | undefined>();
  const [answered, setAnswered] = useState<'accepted' | 'declined' | 'connected' | null>(null);
  const statusLine = useRef<HTMLParagraphElement>(null);
  // Once answered, the buttons are gone: keyboard focus continues at what happened.
  useEffect(() => {
    if (answered) statusLine.current?.focus();
  }, [answered]);
  const closed = ['CONNECTED', 'DECLINED', 'EXPIRED'].includes(introduction.status);
  const open = !closed && introduction.myAnswer === null;
  // As the viewer sees it: waiting for my answer, or I said yes and wait for the other.
  const shown = closed ? introduction.status : introduction.myAnswer ? 'ACCEPTED' : 'SENT';
  const details = [counterpart.headline, counterpart.organisation, counterpart.municipality?.name].filter(Boolean).join(' · ');
  const date = new Date(introduction.createdAt).toLocaleDateString(i18n.language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long' });

  const answer = async (accept: boolean) => {
    setError(undefined);
    const result = await respond({ id: introduction.id, accept });
    if (result.error) setError(result.error);
    else {
      setAnswered(result.data?.respondToIntroduction.status === 'CONNECTED' ? 'connected' : accept ? 'accepted' : 'declined');
    }
  };

  return (
    <article className="verbinder-introduction" aria-labelledby={`${id}-name`}>
      <Heading2 id={`${id}-name`}>{counterpart.name}</Heading2>
      {details && <Paragraph className="verbinder-introduction__who">{details}</Paragraph>}
      <Paragraph className="verbinder-introduction__meta">
        <StatusBadge status={BADGE[shown] ?? 'neutral'}>{t(`status.${shown}`)}</StatusBadge>{' '}
        {t('suggestedOn', { date })}
      </Paragraph>
      {initiative && (
        <Paragraph>
          {t('initiative')} <AppLink href={`/initiatieven/${initiative.id}`}>{initiative.title}</AppLink>
        </Paragraph>
      )}
      {introduction.reasons.length > 0 && (
        <>
          <Heading3>{t('reasons')}</Heading3>
          <UnorderedList>
            {introduction.reasons.map((reason) => (
              <UnorderedListItem key={reason.code + reason.text}>{reason.text}</UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}

      {open && (
        <>
          <Paragraph>{t('question', { name: counterpart.name })}</Paragraph>
          <ButtonGroup>
            <BusyButton appearance="primary-action-button" busy={fetching} onClick={() => !fetching && void answer(true)}>
              {t('accept', { name: counterpart.name })}
            </BusyButton>
            <BusyButton appearance="secondary-action-button" busy={fetching} onClick={() => !fetching && void answer(false)}>
              {t('decline', { name: counterpart.name })}
            </BusyButton>
          </ButtonGroup>
        </>
      )}
      {shown === 'ACCEPTED' && <Paragraph>{t('waiting', { name: counterpart.name })}</Paragraph>}
      {introduction.status === 'CONNECTED' && introduction.counterpartEmail && (
        <>
          <Paragraph>
            {t('connected', { name: counterpart.name })}{' '}
            <a className="utrecht-link utrecht-link--html-a" href={`mailto:${introduction.counterpartEmail}`}>
              {introduction.counterpartEmail}
            </a>
          </Paragraph>
          <RatingForm introductionId={introduction.id} name={counterpart.name} rating={introduction.myRating ?? null} />
        </>
      )}
      <ErrorMessage error={error} />
      <Paragraph ref={statusLine} tabIndex={-1} role="status" className="verbinder-introduction__status">
        {answered ? t(`answered.${answered}`, { name: counterpart.name }) : ''}
      </Paragraph>
    </article>
  );
}

function RatingForm({ introductionId, name, rating }: { introductionId: string; name: string; rating: boolean | null }) {
  const { t } = useTranslation('introductions');
  const id = useId();
  const [useful, setUseful] = useState<boolean | null>(rating);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<{ useful?: string; comment?: string }>({});
  const [apiError, setApiError] = useState<CombinedError | undefined>();
  const [saved, setSaved] = useState(false);
  const [{ fetching }, rate] = useMutation(RateMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setApiError(undefined);
    const found: { useful?: string; comment?: string } = {};
    if (useful === null) found.useful = t('rating.chooseOne');
    if (comment.length > MAX_COMMENT) found.comment = t('rating.tooLong', { max: MAX_COMMENT });
    setErrors(found);
    if (found.useful) return document.getElementById(`${id}-yes`)?.focus();
    if (found.comment) return document.getElementById(`${id}-comment`)?.focus();
    const result = await rate({ id: introductionId, useful: useful!, comment: comment.trim() || null });
    if (result.error) setApiError(result.error);
    else setSaved(true);
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="verbinder-rating">
      <Fieldset invalid={Boolean(errors.useful)} aria-describedby={errors.useful ? `${id}-useful-error` : undefined}>
        <FieldsetLegend>{t('rating.question', { name })}</FieldsetLegend>
        {rating !== null && !saved && <Paragraph>{t(rating ? 'rating.earlierYes' : 'rating.earlierNo')}</Paragraph>}
        {errors.useful && (
          <FormFieldErrorMessage id={`${id}-useful-error`} role="alert">
            {errors.useful}
          </FormFieldErrorMessage>
        )}
        <FormField type="radio" className="verbinder-checkbox-row">
          <RadioButton id={`${id}-yes`} name={`${id}-useful`} checked={useful === true} onChange={() => setUseful(true)} />
          <FormLabel htmlFor={`${id}-yes`} type="radio">
            {t('rating.yes')}
          </FormLabel>
        </FormField>
        <FormField type="radio" className="verbinder-checkbox-row">
          <RadioButton id={`${id}-no`} name={`${id}-useful`} checked={useful === false} onChange={() => setUseful(false)} />
          <FormLabel htmlFor={`${id}-no`} type="radio">
            {t('rating.no')}
          </FormLabel>
        </FormField>
      </Fieldset>
      <FormField invalid={Boolean(errors.comment)}>
        <FormLabel htmlFor={`${id}-comment`}>
          {t('rating.comment')}
          <span className="verbinder-optional"> {t('optional')}</span>
        </FormLabel>
        <FormFieldDescription id={`${id}-comment-description`}>{t('rating.commentDescription', { max: MAX_COMMENT })}</FormFieldDescription>
        {errors.comment && (
          <FormFieldErrorMessage id={`${id}-comment-error`} role="alert">
            {errors.comment}
          </FormFieldErrorMessage>
        )}
        <Textarea
          id={`${id}-comment`}
          rows={3}
          maxLength={MAX_COMMENT}
          value={comment}
          invalid={Boolean(errors.comment)}
          aria-describedby={[`${id}-comment-description`, errors.comment ? `${id}-comment-error` : ''].filter(Boolean).join(' ')}
          onChange={(event) => setComment(event.target.value)}
        />
      </FormField>
      <ErrorMessage error={apiError} />
      <ButtonGroup>
        <BusyButton type="submit" appearance="secondary-action-button" busy={fetching}>
          {t('rating.submit')}
        </BusyButton>
      </ButtonGroup>
      <Paragraph role="status" className="verbinder-introduction__status">
        {saved ? t('rating.saved') : ''}
      </Paragraph>
    </form>
  );
}
