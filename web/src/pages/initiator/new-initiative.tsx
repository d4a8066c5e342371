// `/mijn-initiatieven/nieuw`: describe a new initiative and what expertise it needs
// (createInitiative); afterwards the person lands on its own page.
import { type FormEvent, useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useLocation } from 'wouter';
import { Alert, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { AppLink } from '../../components/app-link.js';
import { ErrorMessage } from '../../components/error-message.js';
import type { Municipality } from '../../components/municipality-picker.js';
import { PageTitle } from '../../components/page-title.js';
import { RequireSignIn } from '../../components/require-sign-in.js';
import { graphql } from '../../graphql.js';
import { draftInput, type DraftErrors, EMPTY_DRAFT, focusFirstError, type InitiativeDraft, InitiativeFields, validateDraft } from './initiative-fields.js';
import { type NeedDraft, type NeedErrors, needInput, NeedsEditor, newNeed, validateNeeds } from './needs-editor.js';
import { BusyButton } from '../../components/busy-button.js';

const CreateInitiative = graphql(`
  mutation CreateInitiative($input: InitiativeInput!) {
    createInitiative(input: $input) { id title }
  }
`);

export default function NewInitiativePage() {
  return (
    <RequireSignIn>
      <NewInitiativeForm />
    </RequireSignIn>
  );
}

function NewInitiativeForm() {
  const { t } = useTranslation('initiator');
  const [, navigate] = useLocation();
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<InitiativeDraft>(EMPTY_DRAFT);
  const [needs, setNeeds] = useState<NeedDraft[]>(() => [newNeed()]);
  const [errors, setErrors] = useState<{ draft: DraftErrors; needs: NeedErrors } | null>(null);
  const [result, create] = useMutation(CreateInitiative);

  const onMunicipality = useCallback((municipality: Municipality | null) => setDraft((d) => ({ ...d, municipality })), []);
  const shown = errors ?? { draft: {}, needs: {} };
  const errorCount = Object.values(shown.draft).filter(Boolean).length + Object.values(shown.needs).reduce((n, e) => n + [e.discipline, e.hours].filter(Boolean).length, 0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (result.fetching) return;
    const found = { draft: validateDraft(draft, t), needs: validateNeeds(needs, t) };
    if (Object.keys(found.draft).length || Object.keys(found.needs).length) {
      setErrors(found);
      requestAnimationFrame(() => focusFirstError(form.current));
      return;
    }
    setErrors(null);
    const answer = await create({ input: { ...draftInput(draft), needs: needs.map(needInput) } });
    if (answer.data) navigate(`/mijn-initiatieven/${answer.data.createInitiative.id}?aangemaakt=1`);
  };

  return (
    <>
    <PageTitle title={t('new.title')} />
    <form ref={form} className="verbinder-form" noValidate onSubmit={(event) => void submit(event)}>
      <Paragraph>{t('new.lead')}</Paragraph>
      <Paragraph>{t('requiredNote')}</Paragraph>
      {errorCount > 0 && (
        <Alert type="error" role="alert">
          <Paragraph>{t('validation.summary', { count: errorCount })}</Paragraph>
        </Alert>
      )}
      <InitiativeFields draft={draft} onChange={(change) => setDraft((d) => ({ ...d, ...change }))} onMunicipality={onMunicipality} errors={shown.draft} />
      <NeedsEditor needs={needs} onChange={setNeeds} errors={shown.needs} />
      <ErrorMessage error={result.error} />
      <ButtonGroup>
        <BusyButton type="submit" appearance="primary-action-button" busy={result.fetching}>
          {t('new.submit')}
        </BusyButton>
        <AppLink href="/mijn-initiatieven">{t('new.cancel')}</AppLink>
      </ButtonGroup>
    </form>
    </>
  );
}
