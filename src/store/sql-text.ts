/** Quotes an SQL identifier (a column name from a user's file header). */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Quotes a string literal. Only for text that cannot be a bound parameter, such as names
 * inside generated expressions and engine options; values from data are always bound.
 */
export function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A SQL list literal of strings: `['a', 'b']`, typed so an empty list still has a type. */
export function stringList(items: readonly string[]): string {
  return items.length === 0 ? '[]::VARCHAR[]' : `[${items.map(literal).join(', ')}]`;
}

/**
 * A name the store made (a generation, a scratch table) that is spliced into statements: only
 * plain lower-case identifiers pass, so nothing that reaches one can change a statement.
 */
export function plainName(name: string, what: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a ${what} name: ${name}`);
  return name;
}
