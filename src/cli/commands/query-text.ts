import type { QueryAnswer } from '../../query/query-answer.js';
import type { QuerySchema } from '../../query/query-schema.js';
import type { SavedQuery } from '../../query/saved-queries.js';
import type { ResultCell } from '../../query/worker-protocol.js';
import { ClvError } from '../../shared/errors.js';
import { table } from '../output.js';

/** A cell as the table shows it: numbers as numbers, nothing as a dash, the rest as text. */
function shown(value: ResultCell): string | number {
  if (value === null) return '-';
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The answer as a text table, with how many rows and whether it was cut. */
export function describeAnswer(answer: QueryAnswer): string {
  const rows = answer.rows.map((row) => row.map(shown));
  const body =
    answer.columns.length === 0 ? '' : table([answer.columns.map((c) => c.name), ...rows]);
  const count = answer.rowCount === 1 ? '1 row' : `${answer.rowCount} rows`;
  const cut = answer.truncated ? `, truncated at --limit ${answer.limit}` : '';
  const footer = `(${count}${cut}; ${answer.seconds.toFixed(2)} s; as of refresh ${answer.refreshId})`;
  return body ? `${body}\n${footer}` : footer;
}

/** The tables a query can read, a block each: name, rows, description, columns with types. */
export function describeSchema(schema: QuerySchema): string {
  return schema.tables
    .map(
      (t) =>
        `${t.name} (${t.group}, ${t.rows} rows): ${t.description}\n` +
        t.columns.map((c) => `  ${c.name} ${c.type}`).join('\n'),
    )
    .join('\n\n');
}

/** An SQL error with its line and column in its message, where the CLI shows no details. */
export function withPosition(error: unknown): unknown {
  if (!(error instanceof ClvError) || typeof error.details !== 'object' || error.details === null) {
    return error;
  }
  const { line, column } = error.details as { line?: unknown; column?: unknown };
  if (typeof line !== 'number' || typeof column !== 'number') return error;
  return new ClvError(error.code, `${error.message}\n(at line ${line}, column ${column})`, {
    cause: error.cause,
    details: error.details,
  });
}

/** Saved queries a line each: id, name, dataset, parameters. */
export function describeSavedQueries(queries: readonly SavedQuery[]): string {
  if (queries.length === 0) return 'no saved queries (clv queries save --template clv-deciles)';
  return table([
    ['id', 'name', 'dataset', 'parameters', 'owner'],
    ...queries.map((q) => [
      q.id,
      q.name,
      q.dataset === null ? '-' : `dataset_${q.dataset}`,
      q.parameters.map((p) => p.name).join(', ') || '-',
      q.owner,
    ]),
  ]);
}

/** One saved query: its words, parameters with defaults, dataset state and SQL. */
export function describeSavedQuery(query: SavedQuery): string {
  const parameters = query.parameters.map(
    (p) =>
      `  {{${p.name}}} ${p.type}${p.name in query.defaults ? ` = ${JSON.stringify(query.defaults[p.name])}` : ''}`,
  );
  const run = query.datasetRun;
  const dataset =
    query.dataset === null
      ? 'dataset: none (runs on request)'
      : `dataset: dataset_${query.dataset}, ` +
        (run === null
          ? 'made at the next refresh'
          : run.error === null
            ? `${run.rows ?? 0} rows at refresh ${run.refreshId}`
            : `failed at refresh ${run.refreshId}: ${run.error}`);
  return [
    `${query.id}  ${query.name}  (version ${query.version}, ${query.owner})`,
    ...(query.description ? [query.description] : []),
    dataset,
    ...(parameters.length > 0 ? ['parameters:', ...parameters] : []),
    '',
    query.sql,
  ].join('\n');
}
