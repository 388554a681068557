// A widget's encoding applied to its source's table: which columns it shows, in what order,
// how many rows, in which number format. Pure: the composer, the widgets and tests share it.
import type { Cell, Column, Row, TableData } from '../format/csv';
import type { ValueFormat } from '../format/format';
import type { SourceKind, Visual, VisualFormat } from './dashboard-types';

const isNumeric = (column: Column) => column.format !== 'text';

/** Orders rows by a column (numbers as numbers, text in the reader's order); empty cells last. */
export function sortRows(rows: readonly Row[], by: string, dir: 'asc' | 'desc'): Row[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const [p, q] = [a[by] ?? null, b[by] ?? null];
    if (p === null || q === null) return p === q ? 0 : p === null ? 1 : -1;
    if (typeof p === 'number' && typeof q === 'number') return sign * (p - q);
    return sign * String(p).localeCompare(String(q), undefined, { numeric: true });
  });
}

const FORMATS: Record<VisualFormat, (column: Column) => ValueFormat> = {
  number: (column) => (column.format === 'count' ? 'count' : 'decimal'),
  money: () => 'money',
  percent: () => 'percent',
};

/** The columns a visual shows: category, series, then the values (every column for a table with none chosen). */
export function shownColumns(table: TableData, visual: Visual): Column[] {
  const keys = [visual.x, visual.series, ...(visual.y ?? [])].filter(
    (key): key is string => key !== undefined && key !== '',
  );
  const chosen = [...new Set(keys)]
    .map((key) => table.columns.find((c) => c.key === key))
    .filter((c): c is Column => c !== undefined);
  const columns = chosen.length > 0 ? chosen : table.columns;
  const format = visual.format;
  if (!format) return columns;
  return columns.map((c) =>
    (visual.y ?? []).includes(c.key) && isNumeric(c) ? { ...c, format: FORMATS[format](c) } : c,
  );
}

/** The table a visual draws: sorted, cut to its limit, with only its columns. */
export function visualTable(table: TableData, visual: Visual): TableData {
  const sorted = visual.sort ? sortRows(table.rows, visual.sort.by, visual.sort.dir) : table.rows;
  const rows = visual.limit ? sorted.slice(0, visual.limit) : sorted;
  const columns = shownColumns(table, visual);
  return {
    columns,
    rows: rows.map((row) => Object.fromEntries(columns.map((c) => [c.key, row[c.key] ?? null]))),
  };
}

/** Why a visual cannot draw the table (a column it names is gone), or null when it can. */
export function encodingProblem(table: TableData, visual: Visual): string | null {
  const keys = new Set(table.columns.map((c) => c.key));
  const named = [visual.x, visual.series, visual.sort?.by, ...(visual.y ?? [])].filter(
    (key): key is string => !!key,
  );
  const missing = named.filter((key) => !keys.has(key));
  if (missing.length > 0) {
    return `The answer has no column ${missing.map((k) => `“${k}”`).join(', ')}: edit the widget to choose others.`;
  }
  if (visual.type !== 'table' && visual.type !== 'kpi') {
    if (!visual.x) return 'Choose a column for the category axis.';
    if (!visual.y?.length) return 'Choose at least one value column.';
    if (visual.type === 'heatmap' && !visual.series) return 'A heatmap needs a series column.';
  }
  return null;
}

/** The visual a newly chosen source starts with: a card for a KPI, a line over time, else bars. */
export function defaultVisual(table: TableData, kind: SourceKind): Visual {
  if (kind === 'kpi') return { type: 'kpi', y: ['value'] };
  const x = table.columns.find((c) => !isNumeric(c)) ?? table.columns[0];
  const y = table.columns.find((c) => isNumeric(c) && c.key !== x?.key);
  const overTime = table.rows.some((row) => /^\d{4}-\d{2}/.test(String(row[x?.key ?? ''] ?? '')));
  return {
    type: overTime ? 'line' : 'bar',
    ...(x ? { x: x.key } : {}),
    ...(y ? { y: [y.key] } : {}),
  };
}

export interface KpiFigure {
  label: string;
  value: Cell;
  previous: Cell;
  change: number | null;
  format: ValueFormat;
}

/**
 * What a KPI card shows: a KPI source's value against the previous period; any other table's
 * last row against the row before (an audience's size today and the day before).
 */
export function kpiFigure(table: TableData, visual: Visual): KpiFigure | null {
  const key = visual.y?.[0] ?? table.columns.find(isNumeric)?.key;
  const column = table.columns.find((c) => c.key === key);
  if (!column) return null;
  const format = visual.format ? FORMATS[visual.format](column) : column.format;
  const hasPrevious = table.columns.some((c) => c.key === 'previous') && key === 'value';
  const rows = visual.sort ? sortRows(table.rows, visual.sort.by, visual.sort.dir) : table.rows;
  const last = rows.at(-1);
  if (!last) return null;
  const value = last[column.key] ?? null;
  const previous = hasPrevious ? (last['previous'] ?? null) : (rows.at(-2)?.[column.key] ?? null);
  const change = hasPrevious
    ? numberOrNull(last['change'])
    : typeof value === 'number' && typeof previous === 'number' && previous !== 0
      ? (value - previous) / Math.abs(previous)
      : null;
  return { label: column.label, value, previous, change, format };
}

const numberOrNull = (cell: Cell | undefined) => (typeof cell === 'number' ? cell : null);
