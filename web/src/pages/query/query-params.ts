// The `{{name}}` placeholders of a query as form fields, and their values as the API's params.
import type { ParamValue, ParameterType, SavedQuery } from '../../api/query-types';

export interface ParamField {
  name: string;
  type: ParameterType;
  /** The input element's type: a date picker, a number field or free text. */
  input: 'date' | 'number' | 'text';
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
// As the server types a placeholder it finds in a saved query.
const DATES = new Set(['from', 'to']);

/** The distinct placeholder names in the SQL, in order of first use. */
export function placeholderNames(sql: string): string[] {
  return [...new Set([...sql.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))];
}

const inputOf = (type: ParameterType): ParamField['input'] =>
  type === 'date' ? 'date' : type === 'number' ? 'number' : 'text';

/**
 * A field per placeholder of the SQL, typed as the saved query lists it, else as the server
 * would: `from` and `to` dates, anything else text.
 */
export function paramFields(sql: string, saved: SavedQuery['parameters'] = []): ParamField[] {
  return placeholderNames(sql).map((name) => {
    const type = saved.find((p) => p.name === name)?.type ?? (DATES.has(name) ? 'date' : 'string');
    return { name, type, input: inputOf(type) };
  });
}

/** The filled fields as the API's params: numbers as numbers, the rest as text; empty ones left out. */
export function paramValues(
  fields: readonly ParamField[],
  values: Readonly<Record<string, string>>,
): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = {};
  for (const field of fields) {
    const text = values[field.name] ?? '';
    if (text.trim() === '') continue;
    const asNumber = Number(text);
    params[field.name] = field.type === 'number' && Number.isFinite(asNumber) ? asNumber : text;
  }
  return params;
}

/** A saved query's default values as the fields' texts (an empty field for null). */
export function defaultTexts(
  defaults: Readonly<Record<string, ParamValue>> | undefined,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(defaults ?? {}).map(([name, value]) => [
      name,
      value === null ? '' : String(value),
    ]),
  );
}
