// What the initiator's pages (my initiatives, new, edit, team, expert search) share: the API's
// limits (src/initiatives/dto/initiative.inputs.ts, src/search/dto/search.types.ts), the enums'
// labels, a discipline choice for one need, and a field's error next to it.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Select, SelectOption } from '@utrecht/component-library-react';
import { useDisciplines } from '../../components/discipline-picker.js';
import './initiator.css';

export const LIMITS = {
  title: { min: 3, max: 200 },
  summary: { min: 10, max: 1000 },
  description: { max: 20_000 },
  lessonsLearned: { max: 20_000 },
  themes: { max: 10 },
  needs: { max: 30 },
  hours: { min: 1, max: 160 },
  searchText: { max: 200, maxWords: 20 },
  searchDisciplines: { max: 10 },
  withinKm: { min: 0, max: 400 },
} as const;

export const STATUSES = ['IDEA', 'STARTING', 'RUNNING', 'COMPLETED', 'STOPPED'] as const;
export type Status = (typeof STATUSES)[number];
export const LEVELS = ['BASIC', 'EXPERIENCED', 'EXPERT'] as const;
export type Level = (typeof LEVELS)[number];
export const SECTORS = ['CITIZEN', 'GOVERNMENT', 'BUSINESS', 'INSTITUTION', 'SCIENCE', 'SOCIAL_ENTERPRISE'] as const;
export type Sector = (typeof SECTORS)[number];

/** The props that tie a control to its description and error (shown next to it, read with it). */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}

export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return <FormFieldErrorMessage id={id}>{error}</FormFieldErrorMessage>;
}

/** One discipline for a need: the taxonomy as a list grouped by main field. */
export function DisciplineSelect({
  label,
  value,
  onChange,
  error,
  description,
}: {
  label: string;
  value: string;
  onChange(slug: string): void;
  error?: string;
  description?: string;
}) {
  const { t } = useTranslation('initiator');
  const id = useId();
  const { roots } = useDisciplines();
  return (
    <FormField invalid={Boolean(error)}>
      <FormLabel htmlFor={id}>{label}</FormLabel>
      {description && <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription>}
      <FieldError id={`${id}-error`} error={error} />
      <Select
        id={id}
        required
        invalid={Boolean(error)}
        aria-describedby={describedBy(description && `${id}-description`, error && `${id}-error`)}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        <SelectOption value="">{t('need.chooseDiscipline')}</SelectOption>
        {roots.map((root) => (
          <optgroup key={root.slug} label={root.name}>
            <SelectOption value={root.slug}>{t('need.wholeField', { name: root.name })}</SelectOption>
            {root.children.map((child) => (
              <SelectOption key={child.slug} value={child.slug}>
                {child.name}
              </SelectOption>
            ))}
          </optgroup>
        ))}
      </Select>
    </FormField>
  );
}

export function LevelSelect({ label, value, onChange, allowAny = false, description }: { label: string; value: string; onChange(level: string): void; allowAny?: boolean; description?: string }) {
  const { t } = useTranslation('initiator');
  const id = useId();
  return (
    <FormField>
      <FormLabel htmlFor={id}>{label}</FormLabel>
      {description && <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription>}
      <Select id={id} value={value} aria-describedby={description ? `${id}-description` : undefined} onChange={(event) => onChange(event.target.value)}>
        {allowAny && <SelectOption value="">{t('level.any')}</SelectOption>}
        {LEVELS.map((level) => (
          <SelectOption key={level} value={level}>
            {t(`level.${level}`)}
          </SelectOption>
        ))}
      </Select>
    </FormField>
  );
}

/** Whole hours from a number field: null when empty, NaN when not a whole number. */
export function parseHours(text: string): number | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function hoursError(text: string, t: (key: string, options?: Record<string, unknown>) => string): string | undefined {
  const hours = parseHours(text);
  if (hours === null) return undefined;
  if (Number.isNaN(hours) || hours < LIMITS.hours.min || hours > LIMITS.hours.max) return t('validation.hours', LIMITS.hours);
  return undefined;
}
