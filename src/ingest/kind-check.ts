import type { Config } from '../config/schema.js';
import { ClvError } from '../shared/errors.js';
import { KINDS, type ImportKind } from './formats.js';

/** The columns that make a file one kind, by the config's names. */
function signatures(config: Config): Record<ImportKind, readonly string[]> {
  const { customerId, type, timestamp } = config.columns;
  return {
    events: [customerId, type, timestamp],
    customers: [customerId],
    costs: ['month', 'channel', 'spend'],
    rates: ['currency', 'rate_to_base'],
  };
}

/**
 * Checks that a file's columns fit the kind it is imported as, and returns warnings. A file
 * with the columns of events imported as customers would turn every event into customer
 * attributes, and one without the columns its kind needs but with another kind's would
 * import nothing: both are errors that name the kind the file looks like. A file that fits
 * its kind and also has every column of another kind imports, with a warning naming it.
 * `columns` are a CSV or Parquet file's, or the keys of an NDJSON file's first lines.
 */
export function checkKind(
  kind: ImportKind,
  columns: readonly string[],
  config: Config,
  name: string,
): string[] {
  const has = new Set(columns.map((column) => column.toLowerCase()));
  const all = signatures(config);
  const fits = (k: ImportKind): boolean => all[k].every((c) => has.has(c.toLowerCase()));
  const alike = KINDS.filter((k) => k !== kind && fits(k));
  const described = (k: ImportKind): string => `${article(k)} ${k} file (${all[k].join(', ')})`;
  if (kind === 'customers' && alike.includes('events')) {
    throw new ClvError(
      'bad_input',
      `${name} has the columns of ${described('events')}: imported as customers, every event ` +
        'would become attributes of its customer. Import it with --kind events (or, if these ' +
        `really are customer attributes, rename its ${config.columns.type} and ` +
        `${config.columns.timestamp} columns)`,
    );
  }
  // Every events file has a customer id: that alone makes no customers file of it.
  const others = alike.filter((k) => k !== 'customers');
  if (!fits(kind)) {
    const guess = others[0] ?? alike[0];
    if (guess === undefined) return [];
    const missing = all[kind].filter((c) => !has.has(c.toLowerCase()));
    throw new ClvError(
      'bad_input',
      `${name} has no column ${missing.join(', ')}, which ${kind} need, but has the columns ` +
        `of ${described(guess)}: import it with --kind ${guess}`,
    );
  }
  return others.map(
    (k) => `${name} also has the columns of ${described(k)}; it was imported as ${kind}`,
  );
}

function article(kind: ImportKind): string {
  return kind === 'events' ? 'an' : 'a';
}
