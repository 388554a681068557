import { useMemo, type ReactNode } from 'react';
import type { Kpi, KpiKey } from '../../api/types';
import { EChart } from '../../charts/EChart';
import { changeTone, type FormatContext } from '../../format/format';
import { SHORT_HISTORY } from '../../api/absent-reasons';
import {
  changeDirection,
  changeText,
  previousReading,
  valueReading,
} from '../kpi-notes/kpi-reading';
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
  const change = kpi ? changeDirection(kpi, meta.format) : null;
  const tone = changeTone(change, meta.good);
  const arrow = change === null || tone === 'flat' ? '' : change > 0 ? '▲' : '▼';
  const explanation = formula ?? meta.definition;
  const now = kpi ? valueReading(kpi, meta.format, context) : null;
  const then = kpi ? previousReading(kpi, meta.format, context) : null;
  return (
    <article
      className={`card kpi-card${large ? ' large' : ''}`}
      data-kpi={kpiKey}
      data-state={kpi ? 'ready' : 'loading'}
      data-short-history={now?.shortHistory ? 'value' : then?.shortHistory ? 'previous' : undefined}
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
      <p
        className={`kpi-value${now?.shortHistory ? ' short-history' : ''}${now?.reason ? ' absent' : ''}`}
        data-role="value"
        title={now?.reason ?? (now?.shortHistory ? SHORT_HISTORY : undefined)}
        data-reason={kpi?.reason ?? undefined}
      >
        {now ? now.text : '…'}
      </p>
      {now?.reason && kpi?.reason !== 'no-orders' && (
        <p className="kpi-reason" data-role="reason">
          {now.reason}
        </p>
      )}
      <p className={`kpi-change ${tone}`} data-role="change">
        <span aria-hidden="true">{arrow}</span> {kpi ? changeText(kpi, meta.format, context) : '—'}
        <span className="sr-only">
          {tone === 'good' ? ' (better)' : tone === 'bad' ? ' (worse)' : ''}
        </span>
        <span
          className={`kpi-previous${then?.shortHistory ? ' short-history' : ''}`}
          title={then?.reason ?? (then?.shortHistory ? SHORT_HISTORY : undefined)}
          data-role="previous"
        >
          {comparisonLabel}: {then ? then.text : '—'}
        </span>
      </p>
      {(now?.shortHistory || then?.shortHistory) && (
        <p className="kpi-short-history" data-role="short-history">
          {now?.shortHistory ? SHORT_HISTORY : `${comparisonLabel}: ${SHORT_HISTORY}`}
        </p>
      )}
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
