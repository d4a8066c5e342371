// Disciplines chosen by name from the taxonomy tree: a group of checkboxes per main field
// (the main field itself can be chosen too), with a filter on the names. Chosen ones stay
// visible while filtering.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Checkbox, Fieldset, FieldsetLegend, FormField, FormLabel, Paragraph, Textbox } from '@utrecht/component-library-react';
import { graphql } from '../graphql.js';

const DisciplinesQuery = graphql(`
  query Disciplines($locale: String!) {
    disciplines { slug name(locale: $locale) parent { slug } }
  }
`);

export interface DisciplineNode {
  slug: string;
  name: string;
  children: DisciplineNode[];
}

/** The taxonomy as a tree, in the reader's language, and each discipline's name by slug. */
export function useDisciplines() {
  const { i18n } = useTranslation();
  // Reference data: once per session and language. Asking again at every mount (the client's
  // cache-and-network) cancelled the request of a picker mounted a moment before.
  const [result] = useQuery({ query: DisciplinesQuery, variables: { locale: i18n.language }, requestPolicy: 'cache-first' });
  return useMemo(() => {
    const all = result.data?.disciplines ?? [];
    const nodes = new Map(all.map((d) => [d.slug, { slug: d.slug, name: d.name, children: [] as DisciplineNode[] }]));
    const roots: DisciplineNode[] = [];
    for (const d of all) {
      const node = nodes.get(d.slug)!;
      const parent = d.parent ? nodes.get(d.parent.slug) : undefined;
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    const nameOf = (slug: string) => nodes.get(slug)?.name ?? slug;
    return { roots, nameOf, loading: result.fetching && !result.data, error: result.error };
  }, [result]);
}

const normalise = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase('nl');

export function DisciplinePicker({
  legend,
  selected,
  onChange,
  description,
}: {
  legend: string;
  /** Chosen slugs. */
  selected: readonly string[];
  onChange(slugs: string[]): void;
  description?: string;
}) {
  const { t } = useTranslation('pickers');
  const id = useId();
  const { roots, loading } = useDisciplines();
  const [filter, setFilter] = useState('');
  const chosen = new Set(selected);
  const wanted = normalise(filter.trim());
  const shows = (node: DisciplineNode) => chosen.has(node.slug) || !wanted || normalise(node.name).includes(wanted);

  const toggle = (slug: string, on: boolean) => onChange(on ? [...selected, slug] : selected.filter((s) => s !== slug));

  const groups = roots
    .map((root) => ({ root, children: root.children.filter(shows), showRoot: shows(root) }))
    .filter((group) => group.showRoot || group.children.length > 0 || (wanted && normalise(group.root.name).includes(wanted)));

  return (
    <Fieldset aria-describedby={description ? `${id}-description` : undefined}>
      <FieldsetLegend>{legend}</FieldsetLegend>
      {description && <Paragraph id={`${id}-description`}>{description}</Paragraph>}
      <FormField>
        <FormLabel htmlFor={`${id}-filter`}>{t('discipline.filter')}</FormLabel>
        <Textbox id={`${id}-filter`} type="search" maxLength={100} value={filter} onChange={(event) => setFilter(event.target.value)} />
      </FormField>
      {loading && <Paragraph aria-busy="true">{t('loading')}</Paragraph>}
      <Paragraph role="status" className="verbinder-picker-status">
        {wanted && groups.length === 0 ? t('discipline.none') : t('discipline.count', { count: selected.length })}
      </Paragraph>
      {groups.map(({ root, children, showRoot }) => (
        <Fieldset key={root.slug} className="verbinder-discipline-group">
          <FieldsetLegend>{root.name}</FieldsetLegend>
          {showRoot && (
            <DisciplineCheckbox
              id={`${id}-${root.slug}`}
              label={t('discipline.whole', { name: root.name })}
              checked={chosen.has(root.slug)}
              onChange={(on) => toggle(root.slug, on)}
            />
          )}
          {children.map((child) => (
            <DisciplineCheckbox
              key={child.slug}
              id={`${id}-${child.slug}`}
              label={child.name}
              checked={chosen.has(child.slug)}
              onChange={(on) => toggle(child.slug, on)}
            />
          ))}
        </Fieldset>
      ))}
    </Fieldset>
  );
}

function DisciplineCheckbox({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange(on: boolean): void }) {
  return (
    <FormField type="checkbox" className="verbinder-checkbox-row">
      <Checkbox id={id} checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <FormLabel htmlFor={id} type="checkbox">
        {label}
      </FormLabel>
    </FormField>
  );
}
