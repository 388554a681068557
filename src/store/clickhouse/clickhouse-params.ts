import type { SqlParams, SqlValue } from '../sql-params.js';

/** A statement and its values as ClickHouse binds them: `{name:Type}` in the text. */
export interface ClickHouseBound {
  sql: string;
  params: Record<string, string | number | boolean | null | readonly string[]>;
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/**
 * The product writes a parameter as `$name` (DuckDB's spelling); ClickHouse binds
 * `{name:Type}`, the type written in the placeholder. Each `$name` outside string literals,
 * quoted identifiers and comments becomes `{name:Type}`, its type read off the bound value:
 * text and NULL as Nullable(String), whole numbers as Int64, other numbers as Float64,
 * booleans as Bool, lists of text as Array(String). A statement run this way should set
 * `cast_keep_nullable` so that `$day::DATE` of a NULL stays NULL, as on DuckDB. A `$name`
 * with no value is refused: a missing value is a bug, never an empty string.
 */
export function bindForClickHouse(sql: string, params: SqlParams = {}): ClickHouseBound {
  let out = '';
  let i = 0;
  const used: Record<string, ClickHouseBound['params'][string]> = {};
  while (i < sql.length) {
    const char = sql[i];
    const next = sql[i + 1];
    let end: number;
    if (char === "'" || char === '"' || char === '`') {
      end = closing(sql, i, char);
    } else if (char === '-' && next === '-') {
      end = lineEnd(sql, i);
    } else if (char === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      end = close < 0 ? sql.length : close + 2;
    } else if (char === '$') {
      NAME.lastIndex = i + 1;
      const name = NAME.exec(sql)?.[0];
      if (!name) throw new Error(`a $ that names no parameter at offset ${i}`);
      if (!Object.hasOwn(params, name)) throw new Error(`no value bound for $${name}`);
      const value = params[name] as SqlValue;
      out += `{${name}:${typeOf(value)}}`;
      used[name] = value;
      i += 1 + name.length;
      continue;
    } else {
      end = i + 1;
    }
    out += sql.slice(i, end);
    i = end;
  }
  return { sql: out, params: used };
}

function typeOf(value: SqlValue): string {
  if (value === null || typeof value === 'string') return 'Nullable(String)';
  if (typeof value === 'boolean') return 'Bool';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'Int64' : 'Float64';
  return 'Array(String)';
}

/** The end of a quoted run opened at `start`: doubled quotes and backslash escapes stay in it. */
function closing(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === '\\') {
      i += 2;
    } else if (sql[i] === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i += 2;
    } else {
      i += 1;
    }
  }
  return sql.length;
}

function lineEnd(sql: string, start: number): number {
  const newline = sql.indexOf('\n', start);
  return newline < 0 ? sql.length : newline;
}
