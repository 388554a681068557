import { useEffect, useState } from 'react';
import type { WidgetSource } from '../../dashboards/dashboard-types';
import type { SourceTable } from '../../dashboards/source-table';
import { loadSource, SourceAbsent, type WidgetFilters } from './load-source';

export type WidgetData =
  | { status: 'loading' }
  | { status: 'ready'; table: SourceTable }
  | { status: 'absent'; reason: string }
  | { status: 'error'; error: Error };

// Answers by source and filters, so the composer's preview and the placed widget ask once, and
// a widget moved on the grid is not asked again. Forgotten on reload (Try again).
const answers = new Map<string, Promise<SourceTable>>();
/** How many answers are kept; the oldest are forgotten first. */
const KEPT = 100;

/** The table of a widget's source for the filters, asked again when either changes. */
export function useWidgetData(
  source: WidgetSource | null,
  filters: WidgetFilters,
): WidgetData & { reload(): void } {
  const key = source ? JSON.stringify([source, filters]) : null;
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ key: string | null; data: WidgetData }>({
    key: null,
    data: { status: 'loading' },
  });
  useEffect(() => {
    if (key === null || source === null) return;
    let current = true;
    let pending = answers.get(key);
    if (!pending) {
      pending = loadSource(source, filters);
      answers.set(key, pending);
      for (const old of answers.keys()) {
        if (answers.size <= KEPT) break;
        answers.delete(old);
      }
      pending.catch(() => answers.delete(key));
    }
    pending.then(
      (table) => current && setState({ key, data: { status: 'ready', table } }),
      (error: unknown) => {
        if (!current) return;
        const data: WidgetData =
          error instanceof SourceAbsent
            ? { status: 'absent', reason: error.message }
            : { status: 'error', error: error instanceof Error ? error : new Error(String(error)) };
        setState({ key, data });
      },
    );
    return () => {
      current = false;
    };
    // The key stands for the source and the filters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);
  const reload = () => {
    if (key !== null) answers.delete(key);
    setState({ key: null, data: { status: 'loading' } });
    setAttempt((n) => n + 1);
  };
  return { ...(state.key === key ? state.data : { status: 'loading' }), reload };
}
