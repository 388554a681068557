/** The type a bound rule value is read as. */
export type ParamType = 'text' | 'number' | 'integer' | 'date' | 'timestamp' | 'textList';

/**
 * The few spellings a rule's SQL needs that differ between engines. The compiler writes
 * everything else in plain SQL that both engines read; a second engine brings its own object.
 * Every argument is SQL the compiler built from checked names and bound parameters.
 */
export interface RuleDialect {
  /** A bound parameter read as its type, e.g. `CAST($p1 AS DOUBLE)`. */
  param(name: string, type: ParamType): string;
  /** The text at a JSON Pointer (bound as a parameter) inside a JSON column, NULL when absent. */
  jsonText(json: string, pointer: string): string;
  /**
   * Text read as a number: decimal digits with an optional sign, fraction and exponent, blanks
   * (space, tab, newline, carriage return) around; NULL when it is not one or not finite.
   */
  tryNumber(text: string): string;
  /** Text read as a date (its first ten characters, exactly YYYY-MM-DD), NULL when it is not one. */
  tryDate(text: string): string;
  /** The UTC calendar day of a timestamp. */
  day(timestamp: string): string;
  /** A date moved by a whole number of days (negative goes back). */
  addDays(date: string, days: string): string;
  /** A timestamp moved back by a whole number of days of 24 hours. */
  minusDays(timestamp: string, days: string): string;
  /** Whether `text` holds `needle` as a substring (case-sensitive, no wildcards). */
  contains(text: string, needle: string): string;
  /** Whether `value` is one of a bound list of texts. */
  inList(value: string, list: string): string;
}
