import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortsReport } from '../../../src/metrics/reports/cohorts.js';
import type { TempProject } from '../../helpers/temp-project.js';
import { purchase, reportStore } from './report-store.js';

// Berlin time (UTC+1 in winter, UTC+2 from Mar 31 02:00), as of 2024-04-01: cohorts run to
// March, the month of Mar 31.
const EVENTS = [
  // a1: Jan 100, Feb 50, Mar 20; the order at Apr 1 00:30 local is not before asOf.
  purchase('a1', '2024-01-05T12:00:00Z', 100),
  purchase('a1', '2024-02-10T12:00:00Z', 50),
  purchase('a1', '2024-03-03T12:00:00Z', 20),
  purchase('a1', '2024-03-31T22:30:00Z', 999),
  // a2: Jan 60; the March order was returned two days later, so a2 did not buy in March.
  purchase('a2', '2024-01-20T12:00:00Z', 60),
  purchase('a2', '2024-03-25T12:00:00Z', 40, 'R', 'success'),
  purchase('a2', '2024-03-27T12:00:00Z', '', 'R', 'returned'),
  // b1: a January order returned, then Feb 1 00:30 local (Jan 31 in UTC): cohort February.
  purchase('b1', '2024-01-10T12:00:00Z', 70, 'Q', 'success'),
  purchase('b1', '2024-01-12T12:00:00Z', '', 'Q', 'returned'),
  purchase('b1', '2024-01-31T23:30:00Z', 80),
  // b2: Feb 30, and Mar 31 23:00 local, the last hour before asOf.
  purchase('b2', '2024-02-28T12:00:00Z', 30),
  purchase('b2', '2024-03-31T21:00:00Z', 10),
  // c1: Mar 15.
  purchase('c1', '2024-03-15T12:00:00Z', 25),
];

describe('cohorts', () => {
  let t: TempProject;
  beforeAll(async () => {
    t = await reportStore({ config: { timezone: 'Europe/Berlin' }, events: EVENTS });
  });
  afterAll(() => t.cleanup());

  it('follows each first-order month to the last month before asOf', async () => {
    const report = await cohortsReport(t.warehouse, t.project.config, { to: '2024-04-01' });
    expect(report).toEqual({
      asOf: '2024-04-01',
      cohorts: [
        // a1, a2. Buyers: Jan both, Feb a1, Mar a1. Revenue 160, 50, 20 over 2 customers.
        {
          cohort: '2024-01',
          customers: 2,
          retention: [1, 0.5, 0.5],
          cumulativeRevenuePerCustomer: [80, 105, 115],
        },
        // b1, b2. Buyers: Feb both, Mar b2. Revenue 110, 10 over 2 customers.
        {
          cohort: '2024-02',
          customers: 2,
          retention: [1, 0.5],
          cumulativeRevenuePerCustomer: [55, 60],
        },
        { cohort: '2024-03', customers: 1, retention: [1], cumulativeRevenuePerCustomer: [25] },
      ],
    });
  });

  it('keeps months without buyers and stops at a mid-month asOf', async () => {
    // As of Mar 10, the last month is still March (it holds Mar 9): a1's Mar 3 order counts,
    // c1 has not bought yet, and the February cohort's March is 0, not a missing month.
    const report = await cohortsReport(t.warehouse, t.project.config, { to: '2024-03-10' });
    expect(report.cohorts).toEqual([
      {
        cohort: '2024-01',
        customers: 2,
        retention: [1, 0.5, 0.5],
        cumulativeRevenuePerCustomer: [80, 105, 115],
      },
      {
        cohort: '2024-02',
        customers: 2,
        retention: [1, 0],
        cumulativeRevenuePerCustomer: [55, 55],
      },
    ]);
  });

  it('has no cohorts before the first order', async () => {
    const report = await cohortsReport(t.warehouse, t.project.config, { to: '2024-01-01' });
    expect(report.cohorts).toEqual([]);
  });
});
