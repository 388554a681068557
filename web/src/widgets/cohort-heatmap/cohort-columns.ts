import type { CohortsReport } from '../../api/types';
import type { Column, Row } from '../../format/csv';
import { formatMonth, type ValueFormat } from '../../format/format';

type Cohort = CohortsReport['cohorts'][number];

/** The most month offsets any cohort has (the oldest cohort's). */
export function offsetCount(report: CohortsReport): number {
  return Math.max(0, ...report.cohorts.map((c) => c.retention.length));
}

/** A cohort's row label: its month and its size, e.g. "Nov 2023 (240)". */
export function cohortLabel(cohort: Cohort, locale?: string): string {
  return `${formatMonth(cohort.cohort, locale)} (${cohort.customers})`;
}

/**
 * A cohort table: the cohort, its size and one column per month offset; offsets the cohort has
 * not reached yet are null, not zero.
 */
export function cohortTable(
  report: CohortsReport,
  values: (cohort: Cohort) => readonly number[],
  format: ValueFormat,
): { columns: Column[]; rows: Row[] } {
  const offsets = offsetCount(report);
  const columns: Column[] = [
    { key: 'cohort', label: 'Cohort', format: 'text' },
    { key: 'customers', label: 'Customers', format: 'count' },
  ];
  for (let k = 0; k < offsets; k += 1) columns.push({ key: `m${k}`, label: `Month ${k}`, format });
  const rows = report.cohorts.map((cohort) => {
    const row: Row = { cohort: cohort.cohort, customers: cohort.customers };
    const own = values(cohort);
    for (let k = 0; k < offsets; k += 1) row[`m${k}`] = own[k] ?? null;
    return row;
  });
  return { columns, rows };
}
