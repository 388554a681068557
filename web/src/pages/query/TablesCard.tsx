import type { ApiState } from '../../api/use-api';
import type { QuerySchema, SchemaTable } from '../../api/query-types';
import { StateView, widgetState } from '../../widgets/state-view/StateView';
import { numberText } from './result-table';

/** The tables in their groups (raw, derived, …), groups and tables in the schema's order. */
function groupsOf(tables: readonly SchemaTable[]): [string, SchemaTable[]][] {
  const groups = new Map<string, SchemaTable[]>();
  for (const table of tables) groups.set(table.group, [...(groups.get(table.group) ?? []), table]);
  return [...groups];
}

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
        <div className="table-groups">
          {groupsOf(schema.data.tables).map(([group, tables]) => (
            <div key={group} data-group={group}>
              <h3>{group}</h3>
              <ul className="table-list">
                {tables.map((table) => (
                  <li key={table.name} data-table={table.name}>
                    <details>
                      <summary title={table.description || undefined}>
                        <code>{table.name}</code>{' '}
                        <span className="muted">{numberText(table.rows)} rows</span>
                      </summary>
                      <ul className="column-list">
                        {table.columns.map((column) => (
                          <li key={column.name}>
                            <code>{column.name}</code> <span className="muted">{column.type}</span>
                          </li>
                        ))}
                      </ul>
                    </details>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
