import { useMemo, type ReactNode } from 'react';
import type { Kpi, KpiKey } from '../../api/types';
import { EChart } from '../../charts/EChart';
import { changeTone, formatChange, formatValue, type FormatContext } from '../../format/format';
import type { KpiMeta } from '../../api/kpi-catalog';
import { sparklineOption } from './sparkline-options';

/**
 * One KPI: its value, the change against the comparison period (an arrow for the direction,
 * a colour for good or bad news), the comparison value, and a monthly sparkline.
 */
export function KpiCard({
  kpiKey,
  meta,
  kpi,
  context,
  comparisonLabel,
  formula,
  controls,
  children,
  large = false,
}: {
  kpiKey: KpiKey;
  /** What the KPI means, from the catalogue. */
  meta: KpiMeta;
  kpi: Kpi | undefined;
  context: FormatContext;
  comparisonLabel: string;
  /** The formula with its inputs, shown on hover and focus in place of the definition. */
  formula?: string | undefined;
  /** Shown above the value (e.g. a method switch). */
  controls?: ReactNode;
  /** Shown below the change. */
  children?: ReactNode;
  large?: boolean;
}) {
  const option = useMemo(
    () => (kpi?.series && kpi.series.length > 1 ? sparklineOption(kpi.series) : null),
    [kpi?.series],
  );
  const change = kpi?.change ?? null;
  const tone = changeTone(change, meta.good);
  const arrow = change === null || tone === 'flat' ? '' : change > 0 ? '▲' : '▼';
  const explanation = formula ?? meta.definition;
  return (
    <article
      className={`card kpi-card${large ? ' large' : ''}`}
      data-kpi={kpiKey}
      data-state={kpi ? 'ready' : 'loading'}
    >
      <header>
        <h3>{meta.label}</h3>
        <span className="info" tabIndex={0} aria-label={explanation}>
          i
          <span className="tooltip" role="tooltip">
            {explanation}
          </span>
        </span>
      </header>
      {controls}
      <p className="kpi-value" data-role="value">
        {kpi ? formatValue(kpi.value, meta.format, context) : '…'}
      </p>
      <p className={`kpi-change ${tone}`} data-role="change">
        <span aria-hidden="true">{arrow}</span> {formatChange(change, context.locale)}
        <span className="sr-only">
          {tone === 'good' ? ' (better)' : tone === 'bad' ? ' (worse)' : ''}
        </span>
        <span className="kpi-previous">
          {comparisonLabel}: {formatValue(kpi?.previous ?? null, meta.format, context)}
        </span>
      </p>
      {children}
      {option && (
        <div className="sparkline">
          <EChart option={option} height={40} label={`${meta.label} by month`} />
          <p className="sparkline-legend" data-role="sparkline-legend">
            <span className="swatch" aria-hidden="true" /> by month
            {kpi?.series?.some((point) => point.yearEarlier !== null) && (
              <>
                {' · '}
                <span className="swatch dashed" aria-hidden="true" /> a year earlier
              </>
            )}
          </p>
        </div>
      )}
    </article>
  );
}
