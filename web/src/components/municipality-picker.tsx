// A municipality chosen by name: the person types, the API suggests matching municipalities
// (official names; aliases such as "Den Bosch" find 's-Hertogenbosch) in the browser's own
// suggestion list (<datalist>, keyboard- and screen-reader-friendly), and the choice is
// confirmed below the field.
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { FormField, FormFieldDescription, FormLabel, Paragraph, Textbox } from '@utrecht/component-library-react';
import { graphql } from '../graphql.js';

const MunicipalitiesQuery = graphql(`
  query Municipalities($search: String!) {
    municipalities(search: $search) { code name province { name } }
  }
`);

export interface Municipality {
  code: string;
  name: string;
}

const normalise = (text: string) => text.trim().toLocaleLowerCase('nl');

export function MunicipalityPicker({
  label,
  value,
  onChange,
  required = false,
  description,
}: {
  label: string;
  /** The chosen municipality, or null. */
  value: Municipality | null;
  onChange(value: Municipality | null): void;
  required?: boolean;
  description?: string;
}) {
  const { t } = useTranslation('pickers');
  const id = useId();
  const [text, setText] = useState(value?.name ?? '');
  const [search, setSearch] = useState('');

  // A value set from outside (a loaded profile) shows in the field (React's "adjust state while rendering").
  const [shownValue, setShownValue] = useState(value?.name);
  if (value?.name !== shownValue) {
    setShownValue(value?.name);
    if (value) setText(value.name);
  }
  // Ask the API once the person pauses typing.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim().length >= 2 ? text.trim() : ''), 200);
    return () => clearTimeout(timer);
  }, [text]);

  const [result] = useQuery({ query: MunicipalitiesQuery, variables: { search }, pause: search === '' });
  const options = useMemo(() => (search ? (result.data?.municipalities ?? []).slice(0, 20) : []), [result.data, search]);

  // The typed text is a choice once it is one of the suggested names, or when it finds exactly
  // one municipality: an alias ("Den Bosch"), which the browser's suggestion list hides because
  // it filters the options by the typed text.
  const only = options.length === 1 && search === text.trim() ? options[0] : undefined;
  useEffect(() => {
    const match = options.find((option) => normalise(option.name) === normalise(text)) ?? only;
    if (match && match.code !== value?.code) onChange({ code: match.code, name: match.name });
  }, [options, only, text, value?.code, onChange]);

  const chosen = value && (normalise(value.name) === normalise(text) || only?.code === value.code) ? value : null;
  return (
    <FormField>
      <FormLabel htmlFor={`${id}-input`}>
        {label}
        {!required && <span className="verbinder-optional"> {t('optional')}</span>}
      </FormLabel>
      <FormFieldDescription id={`${id}-description`}>{description ?? t('municipality.description')}</FormFieldDescription>
      <Textbox
        id={`${id}-input`}
        list={`${id}-options`}
        autoComplete="off"
        maxLength={100}
        required={required}
        aria-describedby={`${id}-description ${id}-status`}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          if (value && normalise(event.target.value) !== normalise(value.name)) onChange(null);
        }}
      />
      <datalist id={`${id}-options`}>
        {options.map((option) => (
          <option key={option.code} value={option.name}>
            {option.province.name}
          </option>
        ))}
      </datalist>
      <Paragraph id={`${id}-status`} role="status" className="verbinder-picker-status">
        {chosen
          ? t('municipality.chosen', { name: chosen.name })
          : text.trim() && search && !result.fetching && options.length === 0
            ? t('municipality.none', { text: text.trim() })
            : ''}
      </Paragraph>
    </FormField>
  );
}
