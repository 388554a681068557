import { useState, type ReactNode } from 'react';
import type { TableData } from '../../format/csv';
import { downloadCsv } from '../chart-card/download';
import { StateView, type WidgetState } from '../state-view/StateView';
import './table-card.css';

/**
 * A titled card around a table or chart: loading, empty and error states, its actions, and the
 * data's raw values as a CSV download named after the widget.
 */
export function TableCard({
  id,
  title,
  subtitle,
  state,
  error,
  errorTitle,
  onRetry,
  empty,
  csv,
  download,
  saveCsv,
  actions,
  footer,
  wide = false,
  keepWhileLoading = false,
  placeholderHeight,
  children,
}: {
  id: string;
  title: string;
  subtitle?: ReactNode;
  state: WidgetState;
  error?: Error | undefined;
  /** The error state's heading (default: "Could not load this"). */
  errorTitle?: string;
  onRetry?: (() => void) | undefined;
  empty?: ReactNode;
  /** The data behind the card for the CSV; null while there is none. */
  csv: TableData | null;
  /** Fetches more than the card shows for the CSV (every page of a paged list). */
  download?: () => Promise<TableData>;
  /** Saves a CSV the server makes itself (every row), in place of the card's table. */
  saveCsv?: () => Promise<void>;
  actions?: ReactNode;
  /** Shown under the table in every state (a pager). */
  footer?: ReactNode;
  wide?: boolean;
  /** Keeps the last table on screen, dimmed, while the next page loads (focus stays put). */
  keepWhileLoading?: boolean;
  /** The height of the loading, empty and error placeholders (a chart's height). */
  placeholderHeight?: number;
  /** The table, drawn when the state is ready (or loading, with keepWhileLoading). */
  children: ReactNode;
}) {
  const [downloading, setDownloading] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const save = async () => {
    if (!csv) return;
    if (!download && !saveCsv) return downloadCsv(csv, id);
    setDownloading(true);
    setFailed(null);
    try {
      if (saveCsv) await saveCsv();
      else if (download) downloadCsv(await download(), id);
    } catch (error) {
      setFailed(error instanceof Error ? error.message : String(error));
    } finally {
      setDownloading(false);
    }
  };
  return (
    <section
      className={`card table-card${wide ? ' wide' : ''}`}
      data-widget={id}
      data-state={state}
      aria-labelledby={`${id}-title`}
    >
      <header className="card-header">
        <div>
          <h2 id={`${id}-title`}>{title}</h2>
          {subtitle && <p className="subtitle">{subtitle}</p>}
        </div>
        <div className="card-actions">
          {actions}
          <button
            type="button"
            className="button small"
            data-action="download-csv"
            disabled={state !== 'ready' || !csv || downloading}
            onClick={() => void save()}
          >
            {downloading ? 'Preparing CSV…' : 'Download CSV'}
          </button>
        </div>
      </header>
      {failed && (
        <p className="error-text" role="alert">
          The CSV could not be made: {failed}
        </p>
      )}
      {state === 'ready' ? (
        children
      ) : state === 'loading' && keepWhileLoading && children ? (
        <div className="stale" aria-busy="true">
          {children}
        </div>
      ) : (
        <StateView
          state={state}
          error={error}
          errorTitle={errorTitle}
          empty={empty}
          onRetry={onRetry}
          height={placeholderHeight}
        />
      )}
      {footer}
    </section>
  );
}
