// `/voorkeuren` (signed in): how often the introductions email comes (or a pause), how many
// introductions it holds, its language, and whether to take part at all.
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormLabel,
  Paragraph,
  RadioButton,
  Select,
  SelectOption,
} from '@utrecht/component-library-react';
import { AppLink } from '../components/app-link.js';
import { ErrorMessage } from '../components/error-message.js';
import { PageTitle } from '../components/page-title.js';
import { RequireSignIn } from '../components/require-sign-in.js';
import { graphql, type ResultOf } from '../graphql.js';
import { LANGUAGES } from '../i18n.js';
import { BusyButton } from '../components/busy-button.js';
import './account.css';

const FREQUENCIES = ['WEEKLY', 'BIWEEKLY', 'MONTHLY', 'PAUSED'] as const;
type Frequency = (typeof FREQUENCIES)[number];
/** The API's limits on maxIntroductionsPerDigest (PreferencesInput). */
const MAX_INTRODUCTIONS = 10;

const PreferencesQuery = graphql(`
  query Preferences {
    me { preferences { frequency locale maxIntroductionsPerDigest optedIn } }
  }
`);
const UpdatePreferencesMutation = graphql(`
  mutation UpdatePreferences($input: PreferencesInput!) {
    updatePreferences(input: $input) { frequency locale maxIntroductionsPerDigest optedIn }
  }
`);

type Preferences = ResultOf<typeof UpdatePreferencesMutation>['updatePreferences'];

export default function PreferencesPage() {
  const { t } = useTranslation('account');
  return (
    <RequireSignIn>
      <PageTitle title={t('preferences.title')} />
      <Paragraph lead>{t('preferences.lead')}</Paragraph>
      <PreferencesLoader />
    </RequireSignIn>
  );
}

function PreferencesLoader() {
  const { t } = useTranslation('account');
  const [result] = useQuery({ query: PreferencesQuery });
  const preferences = result.data?.me?.preferences;
  if (result.error) return <ErrorMessage error={result.error} />;
  if (!preferences) return <Paragraph aria-busy="true">{t('loading', { ns: 'common' })}</Paragraph>;
  return <PreferencesForm initial={preferences} />;
}

function PreferencesForm({ initial }: { initial: Preferences }) {
  const { t } = useTranslation('account');
  const id = useId();
  const [optedIn, setOptedIn] = useState(initial.optedIn);
  const [frequency, setFrequency] = useState<Frequency>(initial.frequency);
  const [max, setMax] = useState(initial.maxIntroductionsPerDigest);
  const [locale, setLocale] = useState(initial.locale);
  const [saved, setSaved] = useState(false);
  const [state, update] = useMutation(UpdatePreferencesMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const result = await update({ input: { optedIn, frequency, maxIntroductionsPerDigest: max, locale } });
    if (result.data) setSaved(true);
  };
  const changed = () => setSaved(false);

  return (
    <form onSubmit={(event) => void submit(event)} className="verbinder-account-form">
      <FormField type="checkbox" className="verbinder-checkbox-row">
        <Checkbox
          id={`${id}-opted-in`}
          checked={optedIn}
          aria-describedby={`${id}-opted-in-description`}
          onChange={(event) => {
            setOptedIn(event.target.checked);
            changed();
          }}
        />
        <FormLabel htmlFor={`${id}-opted-in`} type="checkbox">
          {t('preferences.optedIn')}
        </FormLabel>
      </FormField>
      <FormFieldDescription id={`${id}-opted-in-description`}>{t('preferences.optedInDescription')}</FormFieldDescription>

      <Fieldset disabled={!optedIn}>
        <FieldsetLegend>{t('preferences.frequency')}</FieldsetLegend>
        {FREQUENCIES.map((option) => (
          <FormField key={option} type="radio" className="verbinder-checkbox-row">
            <RadioButton
              id={`${id}-frequency-${option}`}
              name={`${id}-frequency`}
              value={option}
              checked={frequency === option}
              onChange={() => {
                setFrequency(option);
                changed();
              }}
            />
            <FormLabel htmlFor={`${id}-frequency-${option}`} type="radio">
              {t(`preferences.frequencies.${option}`)}
            </FormLabel>
          </FormField>
        ))}
      </Fieldset>

      <FormField>
        <FormLabel htmlFor={`${id}-max`}>{t('preferences.max')}</FormLabel>
        <FormFieldDescription id={`${id}-max-description`}>{t('preferences.maxDescription')}</FormFieldDescription>
        <Select
          id={`${id}-max`}
          aria-describedby={`${id}-max-description`}
          disabled={!optedIn}
          value={String(max)}
          onChange={(event) => {
            setMax(Number(event.target.value));
            changed();
          }}
        >
          {Array.from({ length: MAX_INTRODUCTIONS }, (_, i) => i + 1).map((n) => (
            <SelectOption key={n} value={String(n)}>
              {n}
            </SelectOption>
          ))}
        </Select>
      </FormField>

      <Fieldset>
        <FieldsetLegend>{t('preferences.locale')}</FieldsetLegend>
        {LANGUAGES.map((option) => (
          <FormField key={option} type="radio" className="verbinder-checkbox-row">
            <RadioButton
              id={`${id}-locale-${option}`}
              name={`${id}-locale`}
              value={option}
              checked={locale === option}
              onChange={() => {
                setLocale(option);
                changed();
              }}
            />
            <FormLabel htmlFor={`${id}-locale-${option}`} type="radio" lang={option}>
              {t(`language.${option}`, { ns: 'common' })}
            </FormLabel>
          </FormField>
        ))}
      </Fieldset>

      <ErrorMessage error={state.error} />
      <BusyButton type="submit" appearance="primary-action-button" busy={state.fetching}>
        {t('preferences.save')}
      </BusyButton>
      <Paragraph role="status">{saved ? t('preferences.saved') : ''}</Paragraph>
      <Paragraph>
        <AppLink href="/mijn-gegevens">{t('preferences.dataLink')}</AppLink>
      </Paragraph>
    </form>
  );
}
