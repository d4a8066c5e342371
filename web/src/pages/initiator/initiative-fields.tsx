// The fields of an initiative (title, summary, description, municipality, status, themes, lessons
// learned), for creating and for editing one, with the API's limits checked before sending.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField, FormFieldDescription, FormLabel, Select, SelectOption, Textarea, Textbox } from '@utrecht/component-library-react';
import { DisciplinePicker } from '../../components/discipline-picker.js';
import { type Municipality, MunicipalityPicker } from '../../components/municipality-picker.js';
import { describedBy, FieldError, LIMITS, type Status, STATUSES } from './shared.js';

export interface InitiativeDraft {
  title: string;
  summary: string;
  description: string;
  lessonsLearned: string;
  municipality: Municipality | null;
  status: Status;
  themes: string[];
}

export const EMPTY_DRAFT: InitiativeDraft = {
  title: '',
  summary: '',
  description: '',
  lessonsLearned: '',
  municipality: null,
  status: 'IDEA',
  themes: [],
};

export type DraftErrors = Partial<Record<'title' | 'summary' | 'description' | 'lessonsLearned' | 'municipality' | 'themes', string>>;

type T = (key: string, options?: Record<string, unknown>) => string;

export function validateDraft(draft: InitiativeDraft, t: T): DraftErrors {
  const errors: DraftErrors = {};
  const title = draft.title.trim();
  if (title.length < LIMITS.title.min || title.length > LIMITS.title.max) errors.title = t('validation.length', LIMITS.title);
  const summary = draft.summary.trim();
  if (summary.length < LIMITS.summary.min || summary.length > LIMITS.summary.max) errors.summary = t('validation.length', LIMITS.summary);
  if (draft.description.length > LIMITS.description.max) errors.description = t('validation.tooLong', LIMITS.description);
  if (draft.lessonsLearned.length > LIMITS.lessonsLearned.max) errors.lessonsLearned = t('validation.tooLong', LIMITS.lessonsLearned);
  if (!draft.municipality) errors.municipality = t('validation.municipality');
  if (draft.themes.length > LIMITS.themes.max) errors.themes = t('validation.themes', LIMITS.themes);
  return errors;
}

/** The draft as the API takes it (trimmed; empty optional texts as null). */
export function draftInput(draft: InitiativeDraft) {
  return {
    title: draft.title.trim(),
    summary: draft.summary.trim(),
    description: draft.description.trim() || null,
    lessonsLearned: draft.lessonsLearned.trim() || null,
    municipalityCode: draft.municipality!.code,
    status: draft.status,
    themes: draft.themes,
  };
}

export function InitiativeFields({
  draft,
  onChange,
  onMunicipality,
  errors,
}: {
  draft: InitiativeDraft;
  onChange(change: Partial<InitiativeDraft>): void;
  /** Stable (the picker calls it from an effect). */
  onMunicipality(value: Municipality | null): void;
  errors: DraftErrors;
}) {
  const { t } = useTranslation('initiator');
  const id = useId();
  return (
    <>
      <TextField
        id={`${id}-title`}
        label={t('field.title')}
        description={t('field.titleHelp', LIMITS.title)}
        value={draft.title}
        maxLength={LIMITS.title.max}
        required
        error={errors.title}
        onChange={(title) => onChange({ title })}
      />
      <TextField
        id={`${id}-summary`}
        label={t('field.summary')}
        description={t('field.summaryHelp', LIMITS.summary)}
        value={draft.summary}
        maxLength={LIMITS.summary.max}
        required
        multiline
        rows={3}
        error={errors.summary}
        onChange={(summary) => onChange({ summary })}
      />
      <TextField
        id={`${id}-description`}
        label={t('field.description')}
        description={t('field.descriptionHelp')}
        value={draft.description}
        maxLength={LIMITS.description.max}
        multiline
        rows={8}
        error={errors.description}
        onChange={(description) => onChange({ description })}
      />
      <div data-invalid={errors.municipality ? 'true' : undefined}>
        <MunicipalityPicker label={t('field.municipality')} value={draft.municipality} onChange={onMunicipality} required />
        <FieldError id={`${id}-municipality-error`} error={errors.municipality} />
      </div>
      <FormField>
        <FormLabel htmlFor={`${id}-status`}>{t('field.status')}</FormLabel>
        <Select id={`${id}-status`} value={draft.status} onChange={(event) => onChange({ status: event.target.value as Status })}>
          {STATUSES.map((status) => (
            <SelectOption key={status} value={status}>
              {t(`status.${status}`)}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      <div data-invalid={errors.themes ? 'true' : undefined}>
        <DisciplinePicker
          legend={t('field.themes')}
          description={t('field.themesHelp', LIMITS.themes)}
          selected={draft.themes}
          onChange={(themes) => onChange({ themes })}
        />
        <FieldError id={`${id}-themes-error`} error={errors.themes} />
      </div>
      <TextField
        id={`${id}-lessons`}
        label={t('field.lessonsLearned')}
        description={t('field.lessonsLearnedHelp')}
        value={draft.lessonsLearned}
        maxLength={LIMITS.lessonsLearned.max}
        multiline
        rows={5}
        error={errors.lessonsLearned}
        onChange={(lessonsLearned) => onChange({ lessonsLearned })}
      />
    </>
  );
}

export function TextField({
  id,
  label,
  description,
  value,
  onChange,
  maxLength,
  required = false,
  multiline = false,
  rows,
  error,
  type,
  inputMode,
}: {
  id: string;
  label: string;
  description?: string;
  value: string;
  onChange(value: string): void;
  maxLength?: number;
  required?: boolean;
  multiline?: boolean;
  rows?: number;
  error?: string;
  type?: string;
  inputMode?: 'numeric' | 'decimal';
}) {
  const { t } = useTranslation('initiator');
  const describedby = describedBy(description && `${id}-description`, error && `${id}-error`);
  const common = {
    id,
    value,
    maxLength,
    required,
    invalid: Boolean(error),
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedby,
  };
  return (
    <FormField invalid={Boolean(error)}>
      <FormLabel htmlFor={id}>
        {label}
        {!required && <span className="verbinder-optional"> {t('optional')}</span>}
      </FormLabel>
      {description && <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription>}
      <FieldError id={`${id}-error`} error={error} />
      {multiline ? (
        <Textarea {...common} rows={rows} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <Textbox {...common} type={type} inputMode={inputMode} onChange={(event) => onChange(event.target.value)} />
      )}
    </FormField>
  );
}

/** Moves focus to the first field with an error (after a refused submit). */
export function focusFirstError(form: HTMLFormElement | null): void {
  const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid="true"] input');
  invalid?.focus();
}
