import type { ReactNode } from 'react';
import type { Period } from '../../api/types';
import { periodText } from '../../format/period';

/**
 * The period a page shows, its days readable and its dates in data attributes (for tests and
 * scripts), with what it is compared with and any further note.
 */
export function PeriodLine({
  period,
  comparedWith,
  children,
}: {
  period: Period;
  comparedWith?: Period;
  children?: ReactNode;
}) {
  return (
    <p className="period" data-role="period">
      <span data-period-from={period.from} data-period-to={period.to}>
        {periodText(period)}
      </span>
      {comparedWith && <> compared with {periodText(comparedWith)}</>}
      {children}
    </p>
  );
}
