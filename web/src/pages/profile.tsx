// `/profiel`: my profile. Two forms, each saved on its own: who I am (updateProfile) and what I
// offer and seek (setExpertise). The limits are the API's (ProfileInput in
// src/professionals/dto/professional.inputs.ts, MAX_OFFERS/MAX_SEEKS in professionals.service.ts),
// checked here first so that a mistake shows next to its field.
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CombinedError, useMutation, useQuery } from 'urql';
import {
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Paragraph,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import { DisciplinePicker, useDisciplines } from '../components/discipline-picker.js';
import { ErrorMessage } from '../components/error-message.js';
import { type Municipality, MunicipalityPicker } from '../components/municipality-picker.js';
import { PageTitle } from '../components/page-title.js';
import { RequireSignIn } from '../components/require-sign-in.js';
import { graphql, type ResultOf } from '../graphql.js';
import { BusyButton } from '../components/busy-button.js';
import './profile.css';

const SECTORS = ['CITIZEN', 'BUSINESS', 'GOVERNMENT', 'INSTITUTION', 'SCIENCE', 'SOCIAL_ENTERPRISE'] as const;
const SCOPES = ['LOCAL', 'PROVINCE', 'NATIONAL'] as const;
const LEVELS = ['BASIC', 'EXPERIENCED', 'EXPERT'] as const;
type Sector = (typeof SECTORS)[number];
type Scope = (typeof SCOPES)[number];
type Level = (typeof LEVELS)[number];

/** The API's limits. */
export const LIMITS = { nameMin: 2, name: 120, headline: 200, organisation: 200, bio: 5000, hoursMax: 160, offers: 20, seeks: 20 } as const;

const MyProfileQuery = graphql(`
  query MyProfile {
    me {
      professional {
        id name headline organisation sector scope availableHoursPerMonth bio
        municipality { code name }
        offers { level discipline { slug } }
        seeks { slug }
      }
    }
  }
`);

const UpdateProfileMutation = graphql(`
  mutation UpdateProfile($input: ProfileInput!) {
    updateProfile(input: $input) {
      id name headline organisation sector scope availableHoursPerMonth bio
      municipality { code name }
    }
  }
`);

const SetExpertiseMutation = graphql(`
  mutation SetExpertise($offers: [ExpertiseInput!]!, $seeks: [String!]!) {
    setExpertise(offers: $offers, seeks: $seeks) {
      id
      offers { level discipline { slug } }
      seeks { slug }
    }
  }
`);

type Profile = NonNullable<ResultOf<typeof MyProfileQuery>['me']>['professional'];

export default function ProfilePage() {
  const { t } = useTranslation('profile');
  return (
    <RequireSignIn>
      <PageTitle title={t('title')} />
      <ProfileLoader />
    </RequireSignIn>
  );
}

function ProfileLoader() {
  const { t } = useTranslation('profile');
  const [result] = useQuery({ query: MyProfileQuery });
  const professional = result.data?.me?.professional;
  if (result.error && !professional) return <ErrorMessage error={result.error} />;
  if (!professional) return <Paragraph aria-busy="true">{t('loading')}</Paragraph>;
  return (
    <>
      <Paragraph lead>{t('lead')}</Paragraph>
      <DetailsForm key={`details-${professional.id}`} profile={professional} />
      <ExpertiseForm key={`expertise-${professional.id}`} profile={professional} />
    </>
  );
}

type DetailsField = 'name' | 'headline' | 'organisation' | 'hours' | 'bio';

function DetailsForm({ profile }: { profile: Profile }) {
  const { t } = useTranslation('profile');
  const id = useId();
  const [name, setName] = useState(profile.name);
  const [headline, setHeadline] = useState(profile.headline ?? '');
  const [organisation, setOrganisation] = useState(profile.organisation ?? '');
  const [sector, setSector] = useState<Sector>(profile.sector);
  const [municipality, setMunicipality] = useState<Municipality | null>(profile.municipality ?? null);
  const [scope, setScope] = useState<Scope>(profile.scope);
  const [hours, setHours] = useState(profile.availableHoursPerMonth == null ? '' : String(profile.availableHoursPerMonth));
  const [bio, setBio] = useState(profile.bio ?? '');
  const [errors, setErrors] = useState<Partial<Record<DetailsField, string>>>({});
  const [saved, setSaved] = useState(false);
  const [apiError, setApiError] = useState<CombinedError | undefined>();
  const [{ fetching }, update] = useMutation(UpdateProfileMutation);
  const form = useRef<HTMLFormElement>(null);

  const validate = (): Partial<Record<DetailsField, string>> => {
    const found: Partial<Record<DetailsField, string>> = {};
    if (name.trim().length < LIMITS.nameMin) found.name = t('errors.nameShort', { min: LIMITS.nameMin });
    else if (name.trim().length > LIMITS.name) found.name = t('errors.tooLong', { max: LIMITS.name });
    if (headline.length > LIMITS.headline) found.headline = t('errors.tooLong', { max: LIMITS.headline });
    if (organisation.length > LIMITS.organisation) found.organisation = t('errors.tooLong', { max: LIMITS.organisation });
    if (bio.length > LIMITS.bio) found.bio = t('errors.tooLong', { max: LIMITS.bio });
    if (hours.trim() !== '' && !(/^\d+$/.test(hours.trim()) && Number(hours) <= LIMITS.hoursMax)) found.hours = t('errors.hours', { max: LIMITS.hoursMax });
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setApiError(undefined);
    const found = validate();
    setErrors(found);
    const first = (Object.keys(found) as DetailsField[])[0];
    if (first) {
      form.current?.querySelector<HTMLElement>(`#${CSS.escape(`${id}-${first}`)}`)?.focus();
      return;
    }
    const result = await update({
      input: {
        name: name.trim(),
        headline: headline.trim() || null,
        organisation: organisation.trim() || null,
        sector,
        municipalityCode: municipality?.code ?? null,
        scope,
        availableHoursPerMonth: hours.trim() === '' ? null : Number(hours),
        bio: bio.trim() || null,
      },
    });
    if (result.error) setApiError(result.error);
    else setSaved(true);
  };

  const field = (key: DetailsField) => ({
    id: `${id}-${key}`,
    invalid: Boolean(errors[key]),
    'aria-invalid': errors[key] ? (true as const) : undefined,
  });
  const describedBy = (key: DetailsField, ...more: string[]) =>
    [...more, errors[key] ? `${id}-${key}-error` : ''].filter(Boolean).join(' ') || undefined;
  const error = (key: DetailsField) =>
    errors[key] ? (
      <FormFieldErrorMessage id={`${id}-${key}-error`} role="alert">
        {errors[key]}
      </FormFieldErrorMessage>
    ) : null;
  const optional = <span className="verbinder-optional"> {t('optional')}</span>;

  return (
    <form ref={form} noValidate onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-title`} className="verbinder-profile-form">
      <Heading2 id={`${id}-title`}>{t('details.title')}</Heading2>

      <FormField invalid={Boolean(errors.name)}>
        <FormLabel htmlFor={`${id}-name`}>
          {t('details.name')} <span className="verbinder-required">{t('required')}</span>
        </FormLabel>
        {error('name')}
        <Textbox {...field('name')} required autoComplete="name" maxLength={LIMITS.name} value={name} aria-describedby={describedBy('name')} onChange={(e) => setName(e.target.value)} />
      </FormField>

      <FormField invalid={Boolean(errors.headline)}>
        <FormLabel htmlFor={`${id}-headline`}>
          {t('details.headline')}
          {optional}
        </FormLabel>
        <FormFieldDescription id={`${id}-headline-description`}>{t('details.headlineDescription')}</FormFieldDescription>
        {error('headline')}
        <Textbox
          {...field('headline')}
          maxLength={LIMITS.headline}
          value={headline}
          aria-describedby={describedBy('headline', `${id}-headline-description`)}
          onChange={(e) => setHeadline(e.target.value)}
        />
      </FormField>

      <FormField invalid={Boolean(errors.organisation)}>
        <FormLabel htmlFor={`${id}-organisation`}>
          {t('details.organisation')}
          {optional}
        </FormLabel>
        {error('organisation')}
        <Textbox
          {...field('organisation')}
          autoComplete="organization"
          maxLength={LIMITS.organisation}
          value={organisation}
          aria-describedby={describedBy('organisation')}
          onChange={(e) => setOrganisation(e.target.value)}
        />
      </FormField>

      <FormField>
        <FormLabel htmlFor={`${id}-sector`}>
          {t('details.sector')} <span className="verbinder-required">{t('required')}</span>
        </FormLabel>
        <Select id={`${id}-sector`} required value={sector} onChange={(e) => setSector(e.target.value as Sector)}>
          {SECTORS.map((value) => (
            <SelectOption key={value} value={value}>
              {t(`sector.${value}`)}
            </SelectOption>
          ))}
        </Select>
      </FormField>

      <MunicipalityPicker label={t('details.municipality')} value={municipality} onChange={setMunicipality} />

      <FormField>
        <FormLabel htmlFor={`${id}-scope`}>
          {t('details.scope')} <span className="verbinder-required">{t('required')}</span>
        </FormLabel>
        <FormFieldDescription id={`${id}-scope-description`}>{t('details.scopeDescription')}</FormFieldDescription>
        <Select id={`${id}-scope`} required value={scope} aria-describedby={`${id}-scope-description`} onChange={(e) => setScope(e.target.value as Scope)}>
          {SCOPES.map((value) => (
            <SelectOption key={value} value={value}>
              {t(`scope.${value}`)}
            </SelectOption>
          ))}
        </Select>
      </FormField>

      <FormField invalid={Boolean(errors.hours)}>
        <FormLabel htmlFor={`${id}-hours`}>
          {t('details.hours')}
          {optional}
        </FormLabel>
        <FormFieldDescription id={`${id}-hours-description`}>{t('details.hoursDescription', { max: LIMITS.hoursMax })}</FormFieldDescription>
        {error('hours')}
        <Textbox
          {...field('hours')}
          type="text"
          inputMode="numeric"
          maxLength={3}
          className="verbinder-profile-hours"
          value={hours}
          aria-describedby={describedBy('hours', `${id}-hours-description`)}
          onChange={(e) => setHours(e.target.value)}
        />
      </FormField>

      <FormField invalid={Boolean(errors.bio)}>
        <FormLabel htmlFor={`${id}-bio`}>
          {t('details.bio')}
          {optional}
        </FormLabel>
        <FormFieldDescription id={`${id}-bio-description`}>{t('details.bioDescription', { max: LIMITS.bio })}</FormFieldDescription>
        {error('bio')}
        <Textarea
          {...field('bio')}
          rows={8}
          maxLength={LIMITS.bio}
          value={bio}
          aria-describedby={describedBy('bio', `${id}-bio-description`)}
          onChange={(e) => setBio(e.target.value)}
        />
      </FormField>

      <ErrorMessage error={apiError} />
      <ButtonGroup>
        <BusyButton type="submit" appearance="primary-action-button" busy={fetching}>
          {t('details.save')}
        </BusyButton>
      </ButtonGroup>
      <Paragraph role="status" className="verbinder-profile-status">
        {saved ? t('details.saved') : ''}
      </Paragraph>
    </form>
  );
}

function ExpertiseForm({ profile }: { profile: Profile }) {
  const { t } = useTranslation('profile');
  const id = useId();
  const { nameOf } = useDisciplines();
  const [offers, setOffers] = useState<string[]>(profile.offers.map((o) => o.discipline.slug));
  const [levels, setLevels] = useState<Record<string, Level>>(Object.fromEntries(profile.offers.map((o) => [o.discipline.slug, o.level])));
  const [seeks, setSeeks] = useState<string[]>(profile.seeks.map((s) => s.slug));
  const [errors, setErrors] = useState<{ offers?: string; seeks?: string }>({});
  const [saved, setSaved] = useState(false);
  const [apiError, setApiError] = useState<CombinedError | undefined>();
  const [{ fetching }, save] = useMutation(SetExpertiseMutation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setApiError(undefined);
    const found: { offers?: string; seeks?: string } = {};
    if (offers.length > LIMITS.offers) found.offers = t('errors.tooMany', { max: LIMITS.offers });
    if (seeks.length > LIMITS.seeks) found.seeks = t('errors.tooMany', { max: LIMITS.seeks });
    setErrors(found);
    if (found.offers || found.seeks) {
      document.getElementById(`${id}-${found.offers ? 'offers' : 'seeks'}-error`)?.focus();
      return;
    }
    const result = await save({ offers: offers.map((discipline) => ({ discipline, level: levels[discipline] ?? 'EXPERIENCED' })), seeks });
    if (result.error) setApiError(result.error);
    else setSaved(true);
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-title`} className="verbinder-profile-form">
      <Heading2 id={`${id}-title`}>{t('expertise.title')}</Heading2>
      <Paragraph>{t('expertise.lead')}</Paragraph>

      {errors.offers && (
        <FormFieldErrorMessage id={`${id}-offers-error`} role="alert" tabIndex={-1}>
          {errors.offers}
        </FormFieldErrorMessage>
      )}
      <DisciplinePicker legend={t('expertise.offers')} description={t('expertise.offersDescription', { max: LIMITS.offers })} selected={offers} onChange={setOffers} />

      {offers.length > 0 && (
        <Fieldset className="verbinder-profile-levels">
          <FieldsetLegend>{t('expertise.levels')}</FieldsetLegend>
          <FormFieldDescription>{t('expertise.levelsDescription')}</FormFieldDescription>
          {offers.map((slug) => (
            <FormField key={slug}>
              <FormLabel htmlFor={`${id}-level-${slug}`}>{t('expertise.levelFor', { name: nameOf(slug) })}</FormLabel>
              <Select
                id={`${id}-level-${slug}`}
                value={levels[slug] ?? 'EXPERIENCED'}
                onChange={(e) => setLevels((current) => ({ ...current, [slug]: e.target.value as Level }))}
              >
                {LEVELS.map((level) => (
                  <SelectOption key={level} value={level}>
                    {t(`level.${level}`)}
                  </SelectOption>
                ))}
              </Select>
            </FormField>
          ))}
        </Fieldset>
      )}

      {errors.seeks && (
        <FormFieldErrorMessage id={`${id}-seeks-error`} role="alert" tabIndex={-1}>
          {errors.seeks}
        </FormFieldErrorMessage>
      )}
      <DisciplinePicker legend={t('expertise.seeks')} description={t('expertise.seeksDescription', { max: LIMITS.seeks })} selected={seeks} onChange={setSeeks} />

      <ErrorMessage error={apiError} />
      <ButtonGroup>
        <BusyButton type="submit" appearance="primary-action-button" busy={fetching}>
          {t('expertise.save')}
        </BusyButton>
      </ButtonGroup>
      <Paragraph role="status" className="verbinder-profile-status">
        {saved ? t('expertise.saved') : ''}
      </Paragraph>
    </form>
  );
}
