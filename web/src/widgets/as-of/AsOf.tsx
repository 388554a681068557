import { formatDay } from '../../format/format';

/** The day a report is computed as of: it counts the orders before that day. */
export function AsOf({ day }: { day: string }) {
  return (
    <p className="period" data-role="as-of" data-as-of={day}>
      Orders before {formatDay(day)}
    </p>
  );
}
