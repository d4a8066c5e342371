// A labelled form field of the admin page: its label, an optional description and, when the
// value is not accepted, the reason right below it (tied to the control by aria-describedby).
import type { ReactNode } from 'react';
import { FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel } from '@utrecht/component-library-react';

export function describedBy(id: string, description: boolean, error: boolean): string | undefined {
  return [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

export function Field({
  id,
  label,
  required,
  requiredText,
  description,
  error,
  children,
  type,
}: {
  id: string;
  label: ReactNode;
  required?: boolean;
  requiredText?: string;
  description?: ReactNode;
  error?: string | null;
  children: ReactNode;
  type?: 'checkbox';
}) {
  return (
    <FormField invalid={Boolean(error)} type={type} className="verbinder-admin-field">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id} type={type}>
          {label}
          {required && <span className="verbinder-admin-required"> ({requiredText})</span>}
        </FormLabel>
      </div>
      {description && <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription>}
      {error && <FormFieldErrorMessage id={`${id}-error`}>{error}</FormFieldErrorMessage>}
      <div className="utrecht-form-field__input">{children}</div>
    </FormField>
  );
}
