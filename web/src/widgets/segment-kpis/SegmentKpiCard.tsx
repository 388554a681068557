import type { KpiLookup } from '../../api/kpi-catalog';
import type { MetricsReport } from '../../api/types';
import type { ApiState } from '../../api/use-api';
import { Link } from '../../app/Link';
import { formatValue, type FormatContext } from '../../format/format';
import { widgetState } from '../state-view/StateView';
import { TableCard } from '../table-card/TableCard';
import { segmentKpiMatrix } from './segment-kpis-table';

function cellClass(best: boolean, all: boolean): string {
  return `num${best ? ' best' : ''}${all ? ' all' : ''}`;
}

/**
 * The KPIs of every group side by side (a row per KPI, a column per group, all customers
 * last), the best group of each rate in bold, and the table as a CSV named after the widget.
 */
export function SegmentKpiCard({
  id,
  title,
  state,
  kpis,
  context,
  groupHref,
  groupLabel = (group) => group,
}: {
  id: string;
  title: string;
  state: ApiState<MetricsReport> & { reload?(): void };
  /** The KPI catalogue; null while it loads (the card shows loading meanwhile). */
  kpis: KpiLookup | null;
  context: FormatContext;
  /** Where a group's name leads (the overview filtered to it), or null for plain text. */
  groupHref?(group: string): string | null;
  /** How a group reads in the header ("paid search"); the CSV keeps the raw values. */
  groupLabel?(group: string): string;
}) {
  const loaded = widgetState<MetricsReport>(state, (data) => !data.segments?.length);
  const current = loaded === 'ready' && !kpis ? 'loading' : loaded;
  const matrix =
    current === 'ready' && state.status === 'ready' && kpis
      ? segmentKpiMatrix(state.data, kpis)
      : null;
  return (
    <TableCard
      id={id}
      title={title}
      subtitle="This period. In bold: the best group for each rate and average."
      state={current}
      error={state.error}
      onRetry={state.reload}
      empty="No groups in this segmentation."
      csv={matrix?.table ?? null}
      wide
    >
      {matrix && (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">KPI</th>
                {matrix.groups.map((group, i) => {
                  const own = i < matrix.groups.length - 1;
                  const href = own ? groupHref?.(group) : null;
                  const text = own ? groupLabel(group) : group;
                  return (
                    <th
                      key={`${i}-${group}`}
                      scope="col"
                      className={cellClass(false, i === matrix.groups.length - 1)}
                      data-group={group}
                    >
                      {href ? (
                        <Link href={href} title={`The overview for ${text}`}>
                          {text}
                        </Link>
                      ) : (
                        text
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {matrix.lines.map((line) => (
                <tr key={line.key} data-kpi={line.key}>
                  <th scope="row">{line.label}</th>
                  {line.values.map((value, i) => (
                    <td
                      key={i}
                      className={cellClass(i === line.best, i === matrix.groups.length - 1)}
                      data-group={matrix.groups[i]}
                      data-value={value ?? ''}
                    >
                      {formatValue(value, line.format, context)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </TableCard>
  );
}
