import type { CohortsReport } from '../../api/types';

/** Three cohorts: the older ones have more month offsets, as in a real report. */
export const COHORTS: CohortsReport = {
  asOf: '2026-10-01',
  cohorts: [
    {
      cohort: '2026-07',
      customers: 10,
      retention: [1, 0.5, 0.2],
      cumulativeRevenuePerCustomer: [50, 70, 80],
    },
    {
      cohort: '2026-08',
      customers: 4,
      retention: [1, 0.25],
      cumulativeRevenuePerCustomer: [30, 45],
    },
    { cohort: '2026-09', customers: 5, retention: [1], cumulativeRevenuePerCustomer: [20] },
  ],
};
