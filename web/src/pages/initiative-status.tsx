// An initiative's status, as a badge with its name in the reader's language (colours in
// kennisbank.css: Utrecht's status tokens give white on light green, 2.8:1; these are all >= 4.5:1).
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '@utrecht/component-library-react';

export const STATUSES = ['IDEA', 'STARTING', 'RUNNING', 'COMPLETED', 'STOPPED'] as const;
export type Status = (typeof STATUSES)[number];

export function InitiativeStatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation('knowledge-bank');
  return (
    <StatusBadge className={`verbinder-status verbinder-status--${status.toLowerCase()}`}>
      <span className="verbinder-visually-hidden">{t('statusLabel')} </span>
      {t(`status.${status}`)}
    </StatusBadge>
  );
}
