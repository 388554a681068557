import { ClvError } from '../shared/errors.js';

/** A parameter a saved query takes, from the `{{name}}` placeholders of its SQL. */
export interface QueryParameter {
  name: string;
  type: 'date' | 'number' | 'string';
}

export type ParamValue = string | number | boolean | null;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]{0,62})\s*\}\}/g;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Placeholders that are days: a dashboard's date range binds them. */
const DATE_NAMES = new Set(['from', 'to']);

/** The parameters `{{name}}` of a statement, in the order they first appear. */
export function placeholdersOf(sql: string): QueryParameter[] {
  const seen = new Map<string, QueryParameter>();
  for (const match of sql.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!seen.has(name)) {
      seen.set(name, { name, type: DATE_NAMES.has(name) ? 'date' : 'string' });
    }
  }
  return [...seen.values()];
}

/**
 * The statement with each `{{name}}` turned into the engine's named parameter `$name`, padded
 * to the same length so that the engine's error positions still point into the user's text.
 * The values are bound to those parameters, never written into the text.
 */
export function bindablePlaceholders(sql: string): string {
  return sql.replace(PLACEHOLDER, (whole, name: string) => `$${name}`.padEnd(whole.length, ' '));
}

/**
 * The values to bind, checked: names as SQL names, dates as days, no NaN or infinity. A
 * placeholder named `from` or `to` must be a day (YYYY-MM-DD).
 */
export function checkedParams(
  params: Readonly<Record<string, ParamValue>>,
): Record<string, ParamValue> {
  const checked: Record<string, ParamValue> = {};
  for (const [name, value] of Object.entries(params)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) {
      throw new ClvError('bad_input', `"${name}" is not a parameter name (letters, digits, _)`);
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new ClvError('bad_input', `the parameter ${name} must be a finite number`);
    }
    if (
      DATE_NAMES.has(name) &&
      value !== null &&
      !(typeof value === 'string' && DATE.test(value))
    ) {
      throw new ClvError('bad_input', `the parameter ${name} must be a day, YYYY-MM-DD`);
    }
    checked[name] = value;
  }
  return checked;
}
