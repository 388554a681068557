// The schema endpoint's tables and columns as CodeMirror's SQL completion namespace.
import type { Completion } from '@codemirror/autocomplete';
import type { SQLNamespace } from '@codemirror/lang-sql';
import type { QuerySchema, SchemaTable } from '../../api/query-types';

type Level = { [name: string]: SQLNamespace };

const tableEntry = (table: SchemaTable, label: string): SQLNamespace => ({
  self: {
    label,
    type: 'type',
    detail: `${table.group} table`,
    info: table.description || undefined,
  } satisfies Completion,
  children: table.columns.map((column): Completion => ({
    label: column.name,
    type: 'property',
    detail: column.type,
  })),
});

/**
 * Each table (its description as info) with its columns (their types as detail); a dotted name
 * (`schema.table`) nests under its schema as lang-sql expects.
 */
export function completionSchema(schema: QuerySchema): SQLNamespace {
  const root: Level = {};
  for (const table of schema.tables) {
    const parts = table.name.split('.');
    const last = parts.pop() ?? table.name;
    let level = root;
    for (const part of parts) {
      const next = level[part];
      const nested: Level =
        next && !Array.isArray(next) && !('self' in next) ? (next as Level) : {};
      level[part] = nested;
      level = nested;
    }
    level[last] = tableEntry(table, last);
  }
  return root;
}
