import {
  DOUBLE,
  LIST,
  listValue,
  VARCHAR,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { SqlParams } from '../warehouse.js';

/** Bound values with the engine types that must not be left to inference. */
export interface Bound {
  values: Record<string, DuckDBValue>;
  types: Record<string, DuckDBType>;
}

/**
 * Engine values for named parameters. A number that is not a safe integer binds as DOUBLE:
 * left to inference, a double past 2^63 is a whole number to JavaScript and would bind as
 * BIGINT and fail ("bigint out of int64 range"). NaN and ±Infinity are refused, so no
 * statement of ours can store them. Lists bind as VARCHAR[].
 */
export function bindParams(params: SqlParams | undefined): Bound | undefined {
  if (!params) return undefined;
  const values: Record<string, DuckDBValue> = {};
  const types: Record<string, DuckDBType> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        throw new Error(`cannot bind $${name} = ${value}: only finite numbers are stored`);
      }
      if (!Number.isSafeInteger(value)) types[name] = DOUBLE;
      values[name] = value;
    } else if (Array.isArray(value)) {
      values[name] = listValue([...(value as readonly string[])]);
      // Typed, so that an empty list binds too (its items give the engine nothing to infer).
      types[name] = LIST(VARCHAR);
    } else {
      values[name] = value as DuckDBValue;
    }
  }
  return { values, types };
}
