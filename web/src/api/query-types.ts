// The answers of the query and saved-query routes, named for the dashboard: generated from the
// server's OpenAPI document like types.ts.
import type { paths } from './generated/api-schema';
import type { Answer } from './types';

type Body<P extends keyof paths> = paths[P]['post'] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type QueryResult = Answer<'/api/v1/query', 'post'>;
/** A column's name and DuckDB type text: VARCHAR, DOUBLE, DATE, DECIMAL(18,2), … */
export type QueryColumn = QueryResult['columns'][number];
/** A JSON value of a result cell: lists and structs arrive as JSON arrays and objects. */
export type QueryValue = QueryResult['rows'][number][number];
/** What the page sends: the SQL, its parameters' values and a row limit (always as JSON). */
export type QueryInput = Omit<Body<'/api/v1/query'>, 'format'>;
export type ParamValue = NonNullable<QueryInput['params']>[string];

export type QuerySchema = Answer<'/api/v1/query/schema'>;
export type SchemaTable = QuerySchema['tables'][number];

export type SavedQueries = Answer<'/api/v1/queries'>;
export type SavedQuery = SavedQueries['queries'][number];
export type ParameterType = SavedQuery['parameters'][number]['type'];
/** What a save sends: name, description and SQL (defaults and dataset stay as they are). */
export type SavedQueryInput = Body<'/api/v1/queries'>;
