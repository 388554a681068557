// The answers of the query routes (/query, /query/schema, /queries), as the contract of issue 16
// states them.

/** A JSON value of a result cell: lists and structs arrive as JSON arrays and objects. */
export type QueryValue = string | number | boolean | null | unknown[] | Record<string, unknown>;

export interface QueryColumn {
  name: string;
  /** DuckDB's type text: VARCHAR, DOUBLE, DATE, DECIMAL(18,2), … */
  type: string;
}

export interface QueryResult {
  columns: QueryColumn[];
  rows: QueryValue[][];
  rowCount: number;
  truncated: boolean;
  limit: number;
  seconds: number;
  refreshId: string;
  asOf: string | null;
}

export type ParamValue = string | number | boolean | null;

export interface QueryInput {
  sql: string;
  params?: Record<string, ParamValue>;
  limit?: number;
}

export interface SchemaColumn {
  name: string;
  type: string;
  description: string | null;
}

export interface SchemaTable {
  name: string;
  group: 'raw' | 'derived' | 'predictions' | 'audiences' | 'campaigns' | 'datasets';
  description: string;
  rows: number;
  columns: SchemaColumn[];
}

export interface QuerySchema {
  refreshId: string | null;
  asOf: string | null;
  tables: SchemaTable[];
}

export type ParameterType = 'date' | 'number' | 'string';

export interface SavedQuery {
  id: string;
  name: string;
  description: string;
  sql: string;
  parameters: { name: string; type: ParameterType }[];
  owner: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SavedQueries {
  queries: SavedQuery[];
}

export interface SavedQueryInput {
  name: string;
  description?: string;
  sql: string;
}
