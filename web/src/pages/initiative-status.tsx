// An initiative's status, as a badge with its name in the reader's language.
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '@utrecht/component-library-react';

export const STATUSES = ['IDEA', 'STARTING', 'RUNNING', 'COMPLETED', 'STOPPED'] as const;
export type Status = (typeof STATUSES)[number];

const BADGE: Record<Status, string> = { IDEA: 'neutral', STARTING: 'warning', RUNNING: 'active', COMPLETED: 'success', STOPPED: 'inactive' };

export function InitiativeStatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation('knowledge-bank');
  return (
    <StatusBadge status={BADGE[status]} className="verbinder-status">
      <span className="verbinder-visually-hidden">{t('statusLabel')} </span>
      {t(`status.${status}`)}
    </StatusBadge>
  );
}
