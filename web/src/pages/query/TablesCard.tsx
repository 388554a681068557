import type { ApiState } from '../../api/use-api';
import type { QuerySchema } from '../../api/query-types';
import { StateView, widgetState } from '../../widgets/state-view/StateView';
import { numberText } from './result-table';

/** The tables a query can read, by group, each opening to its columns and their types. */
export function TablesCard({ schema }: { schema: ApiState<QuerySchema> & { reload(): void } }) {
  const state = widgetState(schema, (data) => data.tables.length === 0);
  return (
    <section
      className="card query-tables"
      data-widget="query-tables"
      data-state={state}
      aria-labelledby="query-tables-title"
    >
      <h2 id="query-tables-title">Tables</h2>
      {state !== 'ready' || schema.status !== 'ready' ? (
        <StateView
          state={state === 'ready' ? 'loading' : state}
          error={schema.error}
          onRetry={schema.reload}
          height={60}
          empty="No tables yet: import data and refresh."
        />
      ) : (
        <ul className="table-list">
          {schema.data.tables.map((table) => (
            <li key={table.name} data-table={table.name}>
              <details>
                <summary title={table.description || undefined}>
                  <code>{table.name}</code>{' '}
                  <span className="muted">
                    {table.group}, {numberText(table.rows)} rows
                  </span>
                </summary>
                <ul className="column-list">
                  {table.columns.map((column) => (
                    <li key={column.name} title={column.description ?? undefined}>
                      <code>{column.name}</code> <span className="muted">{column.type}</span>
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
