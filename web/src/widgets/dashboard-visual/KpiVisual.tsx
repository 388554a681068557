import { changeTone, formatValue } from '../../format/format';
import { kpiFigure } from '../../dashboards/visual-data';
import type { VisualProps } from './visual-props';

/** A KPI card: the value large, its change against the comparison and the comparison value. */
export function KpiVisual({ table, visual, context }: VisualProps) {
  const figure = kpiFigure(table, visual);
  if (!figure) return <p className="muted">No value to show.</p>;
  const tone = changeTone(figure.change, table.good ?? 'up');
  const arrow = figure.change === null || tone === 'flat' ? '' : figure.change > 0 ? '▲' : '▼';
  return (
    <div className="dashboard-kpi" data-role="kpi">
      <p className="kpi-value" data-role="value" data-value={figure.value ?? ''}>
        {formatValue(figure.value, figure.format, context)}
      </p>
      <p className={`kpi-change ${tone}`} data-role="change" data-value={figure.change ?? ''}>
        {figure.change === null ? (
          <span>No comparison</span>
        ) : (
          <span>
            {arrow} {formatValue(figure.change, 'percent', context)}
          </span>
        )}
        <span className="kpi-previous" data-role="previous" data-value={figure.previous ?? ''}>
          vs {formatValue(figure.previous, figure.format, context)}
        </span>
      </p>
    </div>
  );
}
