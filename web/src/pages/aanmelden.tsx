// `/aanmelden`: sign in by an emailed link, or register. Both forms only ever say "check your
// email": the API never reveals whether an address has an account. Opened from the emailed link
// (?token=…), the page asks the person to confirm (mail scanners open links too), signs in, and
// goes on to the page they came from (`next`, a local path only) or their introductions; the
// token leaves the address bar and the history on the way.
import { type FormEvent, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useLocation, useSearch } from 'wouter';
import {
  Alert,
  Button,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Paragraph,
  RadioButton,
  Select,
  SelectOption,
  Textbox,
} from '@utrecht/component-library-react';
import { errorCode } from '../client.js';
import { ErrorMessage } from '../components/error-message.js';
import { type Municipality, MunicipalityPicker } from '../components/municipality-picker.js';
import { PageTitle } from '../components/page-title.js';
import { graphql } from '../graphql.js';
import { LANGUAGES, type Language } from '../i18n.js';
import { useSession } from '../session.js';
import { localNext } from './next-path.js';
import { BusyButton } from '../components/busy-button.js';
import './aanmelden.css';

/** The API's limits (src/professionals/dto/professional.inputs.ts, src/common/validation-patterns.ts). */
const EMAIL_MAX = 254;
const NAME_MIN = 2;
const NAME_MAX = 120;
const SECTORS = ['CITIZEN', 'BUSINESS', 'GOVERNMENT', 'INSTITUTION', 'SCIENCE', 'SOCIAL_ENTERPRISE'] as const;
type Sector = (typeof SECTORS)[number];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const SignInMutation = graphql(`
  mutation SignIn($token: String!) {
    signIn(token: $token) { token }
  }
`);
const RequestLinkMutation = graphql(`
  mutation RequestSignInLink($email: String!, $next: String) {
    requestSignInLink(email: $email, next: $next)
  }
`);
const RegisterMutation = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input)
  }
`);

export default function SignInPage() {
  const { t } = useTranslation('sign-in');
  const params = new URLSearchParams(useSearch());
  const next = localNext(params.get('next'));
  // The token is read once: the address bar loses it after signing in (or on a failure).
  const [token] = useState(() => params.get('token'));
  if (token) return <ConfirmSignIn token={token} next={next} />;
  return (
    <>
      <PageTitle title={t('title')} />
      <Paragraph lead>{t('lead')}</Paragraph>
      {next && <Paragraph>{t('afterwards')}</Paragraph>}
      <RequestLinkForm next={next} />
      <RegisterForm next={next} />
    </>
  );
}

function ConfirmSignIn({ token, next }: { token: string; next: string | null }) {
  const { t } = useTranslation('sign-in');
  const session = useSession();
  const [, navigate] = useLocation();
  const [state, signIn] = useMutation(SignInMutation);
  const [failed, setFailed] = useState(false);

  const confirm = async () => {
    const result = await signIn({ token });
    const sessionToken = result.data?.signIn.token;
    if (sessionToken) {
      session.signIn(sessionToken);
      // replaceState: the link's address (with its token) is not kept in the history.
      navigate(next ?? '/kennismakingen', { replace: true });
      return;
    }
    setFailed(true);
    window.history.replaceState(null, '', next ? `/aanmelden?next=${encodeURIComponent(next)}` : '/aanmelden');
  };

  if (failed) {
    const invalid = errorCode(state.error) === 'UNAUTHENTICATED';
    return (
      <>
        <PageTitle title={t('confirm.failedTitle')} />
        {invalid ? (
          <Alert type="error" role="alert">
            <Paragraph>{t('confirm.invalid')}</Paragraph>
          </Alert>
        ) : (
          <ErrorMessage error={state.error} />
        )}
        <RequestLinkForm next={next} headingLevel="new" />
      </>
    );
  }
  return (
    <>
      <PageTitle title={t('confirm.title')} />
      <Paragraph>{t('confirm.body')}</Paragraph>
      <BusyButton appearance="primary-action-button" busy={state.fetching} onClick={() => void confirm()}>
        {t('confirm.action')}
      </BusyButton>
      {state.fetching && <Paragraph role="status">{t('confirm.busy')}</Paragraph>}
    </>
  );
}

/** What the person typed wrong, per field; the first one gets the focus. */
type Errors<K extends string> = Partial<Record<K, string>>;

function focusFirst(errors: Record<string, string | undefined>, refs: Record<string, RefObject<HTMLElement | null>>) {
  const first = Object.keys(refs).find((key) => errors[key]);
  if (first) refs[first].current?.focus();
}

function CheckYourEmail({ email, onReset }: { email: string; onReset(): void }) {
  const { t } = useTranslation('sign-in');
  // The form it replaces had the focus; keep it here, where the message is.
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => panel.current?.focus(), []);
  return (
    <div ref={panel} tabIndex={-1} role="status" className="verbinder-sign-in__sent">
      <Paragraph>
        <strong>{t('sent.title')}</strong>
      </Paragraph>
      <Paragraph>{t('sent.body', { email })}</Paragraph>
      <Button appearance="subtle-button" onClick={onReset}>
        {t('sent.again')}
      </Button>
    </div>
  );
}

function RequestLinkForm({ next, headingLevel }: { next: string | null; headingLevel?: 'new' }) {
  const { t } = useTranslation('sign-in');
  const id = useId();
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<Errors<'email'>>({});
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [state, request] = useMutation(RequestLinkMutation);
  const emailRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Errors<'email'> = {};
    if (!email.trim()) found.email = t('errors.emailRequired');
    else if (!EMAIL.test(email.trim())) found.email = t('errors.emailInvalid');
    setErrors(found);
    if (found.email) return focusFirst(found, { email: emailRef });
    const result = await request({ email: email.trim(), next });
    if (result.data?.requestSignInLink) setSentTo(email.trim());
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="verbinder-sign-in__section">
      <Heading2 id={`${id}-heading`}>{headingLevel === 'new' ? t('link.newTitle') : t('link.title')}</Heading2>
      {sentTo ? (
        <CheckYourEmail email={sentTo} onReset={() => setSentTo(null)} />
      ) : (
        <form noValidate onSubmit={(event) => void submit(event)}>
          <Paragraph>{t('link.body')}</Paragraph>
          <FormField invalid={Boolean(errors.email)}>
            <FormLabel htmlFor={`${id}-email`}>
              {t('fields.email')} <span className="verbinder-required">{t('required')}</span>
            </FormLabel>
            {errors.email && (
              <FormFieldErrorMessage id={`${id}-email-error`} role="alert">
                {errors.email}
              </FormFieldErrorMessage>
            )}
            <Textbox
              ref={emailRef}
              id={`${id}-email`}
              type="email"
              autoComplete="email"
              required
              maxLength={EMAIL_MAX}
              invalid={Boolean(errors.email)}
              aria-describedby={errors.email ? `${id}-email-error` : undefined}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </FormField>
          <ErrorMessage error={state.error} />
          <BusyButton type="submit" appearance="primary-action-button" busy={state.fetching}>
            {t('link.submit')}
          </BusyButton>
        </form>
      )}
    </section>
  );
}

type RegisterField = 'name' | 'email' | 'sector';

function RegisterForm({ next }: { next: string | null }) {
  const { t, i18n } = useTranslation('sign-in');
  const id = useId();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [sector, setSector] = useState<Sector | ''>('');
  const [municipality, setMunicipality] = useState<Municipality | null>(null);
  const [language, setLanguage] = useState<Language>(i18n.language === 'en' ? 'en' : 'nl');
  const [errors, setErrors] = useState<Errors<RegisterField>>({});
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [state, register] = useMutation(RegisterMutation);
  const nameRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const sectorRef = useRef<HTMLSelectElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Errors<RegisterField> = {};
    if (name.trim().length < NAME_MIN) found.name = t('errors.nameRequired', { min: NAME_MIN });
    if (!email.trim()) found.email = t('errors.emailRequired');
    else if (!EMAIL.test(email.trim())) found.email = t('errors.emailInvalid');
    if (!sector) found.sector = t('errors.sectorRequired');
    setErrors(found);
    if (Object.keys(found).length) return focusFirst(found, { name: nameRef, email: emailRef, sector: sectorRef });
    const result = await register({
      input: { name: name.trim(), email: email.trim(), sector: sector as Sector, municipalityCode: municipality?.code ?? null, locale: language, next },
    });
    if (result.data?.register) setSentTo(email.trim());
  };

  const field = (key: RegisterField) => ({
    invalid: Boolean(errors[key]),
    'aria-describedby': errors[key] ? `${id}-${key}-error` : undefined,
  });
  const error = (key: RegisterField) =>
    errors[key] && (
      <FormFieldErrorMessage id={`${id}-${key}-error`} role="alert">
        {errors[key]}
      </FormFieldErrorMessage>
    );
  const required = <span className="verbinder-required">{t('required')}</span>;

  return (
    <section aria-labelledby={`${id}-heading`} className="verbinder-sign-in__section">
      <Heading2 id={`${id}-heading`}>{t('register.title')}</Heading2>
      {sentTo ? (
        <CheckYourEmail email={sentTo} onReset={() => setSentTo(null)} />
      ) : (
        <form noValidate onSubmit={(event) => void submit(event)}>
          <Paragraph>{t('register.body')}</Paragraph>
          <FormField invalid={Boolean(errors.name)}>
            <FormLabel htmlFor={`${id}-name`}>
              {t('fields.name')} {required}
            </FormLabel>
            {error('name')}
            <Textbox
              ref={nameRef}
              id={`${id}-name`}
              autoComplete="name"
              required
              minLength={NAME_MIN}
              maxLength={NAME_MAX}
              {...field('name')}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          </FormField>
          <FormField invalid={Boolean(errors.email)}>
            <FormLabel htmlFor={`${id}-email`}>
              {t('fields.email')} {required}
            </FormLabel>
            <FormFieldDescription id={`${id}-email-description`}>{t('register.emailDescription')}</FormFieldDescription>
            {error('email')}
            <Textbox
              ref={emailRef}
              id={`${id}-email`}
              type="email"
              autoComplete="email"
              required
              maxLength={EMAIL_MAX}
              invalid={Boolean(errors.email)}
              aria-describedby={[`${id}-email-description`, errors.email && `${id}-email-error`].filter(Boolean).join(' ')}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </FormField>
          <FormField invalid={Boolean(errors.sector)}>
            <FormLabel htmlFor={`${id}-sector`}>
              {t('fields.sector')} {required}
            </FormLabel>
            {error('sector')}
            <Select
              ref={sectorRef}
              id={`${id}-sector`}
              required
              {...field('sector')}
              value={sector}
              onChange={(event) => setSector(event.target.value as Sector | '')}
            >
              <SelectOption value="">{t('register.chooseSector')}</SelectOption>
              {SECTORS.map((s) => (
                <SelectOption key={s} value={s}>
                  {t(`sector.${s}`)}
                </SelectOption>
              ))}
            </Select>
          </FormField>
          <MunicipalityPicker label={t('fields.municipality')} value={municipality} onChange={setMunicipality} />
          <Fieldset>
            <FieldsetLegend>{t('fields.language')}</FieldsetLegend>
            {LANGUAGES.map((option) => (
              <FormField key={option} type="radio" className="verbinder-checkbox-row">
                <RadioButton
                  id={`${id}-language-${option}`}
                  name={`${id}-language`}
                  value={option}
                  checked={language === option}
                  onChange={() => setLanguage(option)}
                />
                <FormLabel htmlFor={`${id}-language-${option}`} type="radio" lang={option}>
                  {t(`language.${option}`, { ns: 'common' })}
                </FormLabel>
              </FormField>
            ))}
          </Fieldset>
          <ErrorMessage error={state.error} />
          <BusyButton type="submit" appearance="primary-action-button" busy={state.fetching}>
            {t('register.submit')}
          </BusyButton>
        </form>
      )}
    </section>
  );
}
