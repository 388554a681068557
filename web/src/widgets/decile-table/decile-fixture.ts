import type { DecilesReport } from '../../api/types';

/** A small deciles report whose cumulative shares are easy to work out by hand. */
export const DECILES: DecilesReport = {
  asOf: '2026-10-01',
  by: 'revenue',
  deciles: [
    { decile: 1, customers: 2, revenue: 600, share: 0.6, mean: 300, min: 200, max: 400 },
    { decile: 2, customers: 2, revenue: 300, share: 0.3, mean: 150, min: 100, max: 200 },
    { decile: 3, customers: 1, revenue: 100, share: 0.1, mean: 100, min: 100, max: 100 },
  ],
};
