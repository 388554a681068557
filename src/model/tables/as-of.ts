/**
 * Report queries take the date they are computed as of as `$asOf`. Their derived tables are
 * the same queries as of the end of the default period: the first day of the month of the
 * latest order, as `clv metrics` uses when no date is given.
 */
export function asOfDefault(sql: string): string {
  return sql.replaceAll(
    '$asOf',
    "(SELECT CAST(date_trunc('month', max(day)) AS DATE) FROM orders)",
  );
}
