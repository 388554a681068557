import { describe, expect } from 'vitest';
import { metricsReport } from '../../src/metrics/metrics-report.js';
import { importedShop } from '../helpers/imported-shop.js';
import { projectTest } from '../helpers/project-test.js';
import type { TempProject } from '../helpers/temp-project.js';

const test = projectTest();

function shop(config: object, events: string): Promise<TempProject> {
  return importedShop({ config, files: [{ kind: 'events', content: events }], refresh: 'derived' });
}

describe('metrics edge cases', () => {
  test('follows a customer who lapses past the churn window and comes back', async ({ keep }) => {
    // x buys Jan 1 (40) and Apr 15 (60); window 31 days: active spells [Jan 1 12:00, Feb 1
    // 12:00) and [Apr 15, May 16). Active at Feb 1 00:00 and May 1; not at Mar 1, Apr 1, Jun 1.
    const t = await keep(
      shop(
        { churnWindowDays: 31 },
        'customer_id,type,timestamp,amount\nx,purchase,2024-01-01T12:00:00Z,40\nx,purchase,2024-04-15T12:00:00Z,60\n',
      ),
    );
    const report = await metricsReport(t.warehouse, t.project.config, {
      from: '2024-04-01',
      to: '2024-07-01',
    });
    expect(report.previousPeriod).toEqual({ from: '2024-01-01', to: '2024-04-01' });
    const { kpis } = report;
    expect([kpis.revenue.value, kpis.buyers.value, kpis.newBuyers.value]).toEqual([60, 1, 0]);
    expect(kpis.returningBuyers.value).toBe(1);
    // The previous period's buyer came back.
    expect(kpis.retentionRate.value).toBe(1);
    expect(kpis.repeatRate.value).toBe(1);
    expect(kpis.clvHistoric.value).toBe(100);
    // Months Jul 2023 - Jun 2024: churn 1 in February and in May; ARPU 40 (Jan) and 60 (Apr).
    expect(kpis.clvRolling.value).toBe(50);
    // Before: churn 1 (Feb), ARPU 40 (Jan).
    expect(kpis.clvRolling.previous).toBe(40);
    expect(kpis.retentionRate.previous).toBeNull();
    expect(
      await t.query(
        `SELECT month::VARCHAR AS month, active_start, active_end, churned FROM monthly_metrics`,
      ),
    ).toEqual([
      { month: '2024-01-01', active_start: 0, active_end: 1, churned: 0 },
      { month: '2024-02-01', active_start: 1, active_end: 0, churned: 1 },
      { month: '2024-03-01', active_start: 0, active_end: 0, churned: 0 },
      { month: '2024-04-01', active_start: 0, active_end: 1, churned: 0 },
    ]);
  });

  test('counts periods in the project time zone', async ({ keep }) => {
    // 03:00 UTC on Feb 1 is still January 31 in New York.
    const t = await keep(
      shop(
        { timezone: 'America/New_York' },
        'customer_id,type,timestamp,amount\na,purchase,2024-02-01T03:00:00Z,10\nb,purchase,2024-02-15T12:00:00Z,5\n',
      ),
    );
    const february = await metricsReport(t.warehouse, t.project.config, {
      from: '2024-02-01',
      to: '2024-03-01',
    });
    expect(february.kpis.revenue.value).toBe(5);
    expect(february.kpis.revenue.previous).toBe(10);
    expect(february.kpis.newBuyers.value).toBe(1);
  });

  test('works with non-default names for everything', async ({ keep }) => {
    const t = await keep(
      shop(
        {
          columns: { eventId: 'id', customerId: 'client', type: 'event', timestamp: 'at' },
          purchase: {
            type: 'order',
            orderId: 'order_no',
            amount: 'total',
            currency: 'cur',
            status: 'state',
            successValues: ['completed', 'shipped'],
            canceledValues: ['cancelled'],
            returnedValues: ['refunded'],
            statusWhenMissing: 'canceled',
          },
          consent: {
            type: 'optin',
            category: 'list',
            action: 'what',
            acceptValues: ['yes'],
            emailCategories: ['mail'],
            smsCategories: ['text'],
          },
        },
        [
          'id,client,event,at,order_no,total,cur,state,list,what',
          '1,k1,order,2024-03-01T10:00:00Z,A,100,EUR,completed,,', // success
          '2,k1,order,2024-03-05T10:00:00Z,A,,,refunded,,', // A returned
          '3,k2,order,2024-03-02T10:00:00Z,B,40,EUR,shipped,,', // success
          '4,k3,order,2024-03-03T10:00:00Z,C,25,EUR,,,', // no status: canceled by the config
          '5,k2,optin,2024-01-01T00:00:00Z,,,,,mail,yes',
          '6,k3,optin,2024-01-01T00:00:00Z,,,,,text,yes',
        ].join('\n'),
      ),
    );
    const report = await metricsReport(t.warehouse, t.project.config, {
      from: '2024-03-01',
      to: '2024-04-01',
      segment: 'email',
    });
    expect(report.kpis.revenue.value).toBe(40);
    // A returned, C canceled, B success: 2 of 3 classified orders canceled or returned.
    expect(report.kpis.cancelRate.value).toBeCloseTo(2 / 3, 12);
    expect(report.kpis.returnRate.value).toBeCloseTo(1 / 3, 12);
    expect(report.segments?.map((s) => [s.segment, s.customers, s.kpis.revenue.value])).toEqual([
      ['subscribed', 1, 40],
      ['not subscribed', 2, 0],
    ]);
  });

  test('rejects a bad period or segment with a clear message', async ({ keep }) => {
    const t = await keep(shop({}, 'customer_id,type,timestamp,amount\na,purchase,2024-02-01,10\n'));
    await expect(
      metricsReport(t.warehouse, t.project.config, { from: '2024-03-01', to: '2024-02-01' }),
    ).rejects.toThrow('`from` (2024-03-01) must come before `to` (2024-02-01)');
    await expect(
      metricsReport(t.warehouse, t.project.config, { from: '2024-02-30', to: '2024-03-01' }),
    ).rejects.toThrow('`from` must be a date YYYY-MM-DD, not "2024-02-30"');
    await expect(
      metricsReport(t.warehouse, t.project.config, { segment: 'country' }),
    ).rejects.toThrow('`segment` must be email, sms or attribute:NAME, not "country"');
    // Without dates: the 12 full months before the latest order's month.
    const byDefault = await metricsReport(t.warehouse, t.project.config, {});
    expect(byDefault.period).toEqual({ from: '2023-02-01', to: '2024-02-01' });
  });
});
