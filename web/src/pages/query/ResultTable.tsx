import type { QueryResult } from '../../api/query-types';
import { useDashboard } from '../../app/dashboard-context';
import type { TableData } from '../../format/csv';
import type { WidgetState } from '../../widgets/state-view/StateView';
import { TableCard } from '../../widgets/table-card/TableCard';
import { positionText, type SqlPosition } from './error-position';
import { QueryTable } from './QueryTable';
import { ResultMeta } from './ResultMeta';
import { errorHeading } from './run-error';
import { numberText, TABLE_ROWS } from './result-table';
import type { RunState } from './use-query-run';

const IDLE = 'Write a query and run it: Ctrl-Enter (Cmd-Enter on a Mac) or the Run button.';
const NO_ROWS = 'No rows: the query ran and its result is empty.';

/** The result of the last run: its columns with their types, its rows, how long it took and as of when. */
export function ResultTable({
  state,
  table,
  position,
  onRetry,
  onShowPosition,
}: {
  state: RunState;
  /** The result as table data (built once by the page, shared with the CSV). */
  table: TableData | null;
  /** Where the engine says the error is, when it says. */
  position: SqlPosition | null;
  onRetry(): void;
  onShowPosition(): void;
}) {
  const { format } = useDashboard();
  const result: QueryResult | null = state.status === 'ready' ? state.result : null;
  const cardState: WidgetState =
    state.status === 'idle'
      ? 'empty'
      : state.status === 'ready'
        ? state.result.rows.length === 0
          ? 'empty'
          : 'ready'
        : state.status;
  const shown =
    table && table.rows.length > TABLE_ROWS
      ? { ...table, rows: table.rows.slice(0, TABLE_ROWS) }
      : table;
  return (
    <TableCard
      id="query-result"
      title="Result"
      subtitle={result && <ResultMeta result={result} />}
      state={cardState}
      error={state.status === 'error' ? state.error : undefined}
      errorTitle={errorHeading(state.status === 'error' ? state.error : undefined)}
      onRetry={onRetry}
      empty={state.status === 'idle' ? IDLE : NO_ROWS}
      csv={table}
      wide
      footer={
        <>
          {result?.truncated && (
            <p className="table-note" data-role="truncated">
              Showing the first {numberText(result.rowCount, format.locale)} rows: truncated (the
              limit is {numberText(result.limit, format.locale)}).
            </p>
          )}
          {table && shown && shown.rows.length < table.rows.length && (
            <p className="table-note" data-role="table-rows">
              The table shows the first {numberText(TABLE_ROWS, format.locale)} rows; the CSV has
              all {numberText(table.rows.length, format.locale)}.
            </p>
          )}
          {state.status === 'error' && position && (
            <p
              className="query-error-position"
              data-role="error-position"
              data-line={position.line}
              data-column={position.column}
            >
              At {positionText(position)}.{' '}
              <button
                type="button"
                className="link-button"
                data-action="show-error"
                onClick={onShowPosition}
              >
                Show in the editor
              </button>
            </p>
          )}
        </>
      }
    >
      {shown && result && (
        <QueryTable table={shown} columns={result.columns} locale={format.locale} />
      )}
    </TableCard>
  );
}
