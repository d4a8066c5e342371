// The needs of a new initiative: rows of discipline, level and hours per month, added and
// removed by the person (at most LIMITS.needs).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Fieldset, FieldsetLegend, Paragraph } from '@utrecht/component-library-react';
import { TextField } from './initiative-fields.js';
import { DisciplineSelect, hoursError, type Level, LevelSelect, LIMITS, parseHours } from './shared.js';

export interface NeedDraft {
  key: number;
  discipline: string;
  level: Level;
  hours: string;
}

export type NeedErrors = Record<number, { discipline?: string; hours?: string }>;

type T = (key: string, options?: Record<string, unknown>) => string;

export function validateNeeds(needs: NeedDraft[], t: T): NeedErrors {
  const errors: NeedErrors = {};
  for (const need of needs) {
    const discipline = need.discipline ? undefined : t('validation.discipline');
    const hours = hoursError(need.hours, t);
    if (discipline || hours) errors[need.key] = { discipline, hours };
  }
  return errors;
}

export const needInput = (need: Pick<NeedDraft, 'discipline' | 'level' | 'hours'>) => ({
  discipline: need.discipline,
  level: need.level,
  hoursPerMonth: parseHours(need.hours),
});

let nextKey = 1;
export const newNeed = (): NeedDraft => ({ key: nextKey++, discipline: '', level: 'EXPERIENCED', hours: '' });

export function NeedFields({
  need,
  onChange,
  errors,
  legend,
}: {
  need: Pick<NeedDraft, 'discipline' | 'level' | 'hours'>;
  onChange(change: Partial<NeedDraft>): void;
  errors?: { discipline?: string; hours?: string };
  legend: string;
}) {
  const { t } = useTranslation('initiator');
  const id = useId();
  return (
    <Fieldset className="verbinder-need">
      <FieldsetLegend>{legend}</FieldsetLegend>
      <DisciplineSelect label={t('need.discipline')} value={need.discipline} error={errors?.discipline} onChange={(discipline) => onChange({ discipline })} />
      <LevelSelect label={t('need.level')} description={t('need.levelHelp')} value={need.level} onChange={(level) => onChange({ level: level as Level })} />
      <TextField
        id={`${id}-hours`}
        label={t('need.hours')}
        description={t('need.hoursHelp', LIMITS.hours)}
        value={need.hours}
        inputMode="numeric"
        maxLength={3}
        error={errors?.hours}
        onChange={(hours) => onChange({ hours })}
      />
    </Fieldset>
  );
}

export function NeedsEditor({ needs, onChange, errors }: { needs: NeedDraft[]; onChange(needs: NeedDraft[]): void; errors: NeedErrors }) {
  const { t } = useTranslation('initiator');
  const id = useId();
  const update = (key: number, change: Partial<NeedDraft>) => onChange(needs.map((need) => (need.key === key ? { ...need, ...change } : need)));
  const remove = (index: number) => {
    onChange(needs.filter((_, i) => i !== index));
    // Focus stays in the list: on the add button (the row and its button are gone).
    requestAnimationFrame(() => document.getElementById(`${id}-add`)?.focus());
  };
  return (
    <Fieldset aria-describedby={`${id}-help`}>
      <FieldsetLegend>{t('needs.title')}</FieldsetLegend>
      <Paragraph id={`${id}-help`}>{t('needs.help', LIMITS.needs)}</Paragraph>
      {needs.length === 0 && <Paragraph>{t('needs.none')}</Paragraph>}
      {needs.map((need, index) => (
        <div key={need.key} className="verbinder-need-row">
          <NeedFields legend={t('needs.row', { number: index + 1 })} need={need} errors={errors[need.key]} onChange={(change) => update(need.key, change)} />
          <Button appearance="secondary-action-button" onClick={() => remove(index)}>
            {t('needs.remove', { number: index + 1 })}
          </Button>
        </div>
      ))}
      <Paragraph role="status" className="verbinder-picker-status">
        {t('needs.count', { count: needs.length })}
      </Paragraph>
      <Button id={`${id}-add`} appearance="secondary-action-button" disabled={needs.length >= LIMITS.needs.max} onClick={() => onChange([...needs, newNeed()])}>
        {t('needs.add')}
      </Button>
    </Fieldset>
  );
}
