import type { BarSeriesOption, LineSeriesOption } from 'echarts';
import { describe, expect, it } from 'vitest';
import type { OrderOutcomes } from '../../api/types';
import { orderOutcomesOptions } from './order-outcomes-options';

const none = { orders: 0, value: 0 };
// The hand-made shop's January and March (see the API test): a return, a cancel, a pending order.
const report: OrderOutcomes = {
  period: { from: '2024-01-01', to: '2024-04-01' },
  currency: 'EUR',
  segment: null,
  months: [
    {
      month: '2024-01',
      success: { orders: 1, value: 100 },
      canceled: none,
      returned: { orders: 1, value: 100 },
      other: none,
      cancelRate: 0.5,
      returnRate: 0.5,
    },
    {
      month: '2024-02',
      success: none,
      canceled: none,
      returned: none,
      other: none,
      cancelRate: null,
      returnRate: null,
    },
    {
      month: '2024-03',
      success: { orders: 1, value: 20 },
      canceled: { orders: 1, value: 30 },
      returned: none,
      other: { orders: 1, value: 10 },
      cancelRate: 0.5,
      returnRate: 0,
    },
  ],
  total: {
    success: { orders: 2, value: 120 },
    canceled: { orders: 1, value: 30 },
    returned: { orders: 1, value: 100 },
    other: { orders: 1, value: 10 },
    cancelRate: 0.5,
    returnRate: 0.25,
  },
};
const context = { currency: 'EUR', locale: 'en-US' };

describe('orderOutcomesOptions', () => {
  it('stacks the outcomes per month, counted or valued, with both rates on a second axis', () => {
    const counted = orderOutcomesOptions(report, 'orders', context).option.series as (
      BarSeriesOption | LineSeriesOption
    )[];
    expect(counted.map((s) => [s.type, s.name, s.data])).toEqual([
      ['bar', 'Successful', [1, 0, 1]],
      ['bar', 'Canceled', [0, 0, 1]],
      ['bar', 'Returned', [1, 0, 0]],
      ['line', 'Cancel rate', [0.5, null, 0.5]],
      ['line', 'Return rate', [0.5, null, 0]],
    ]);
    expect(counted.slice(0, 3).every((s) => s.stack === 'orders')).toBe(true);
    expect(counted.slice(3).every((s) => s.yAxisIndex === 1)).toBe(true);
    const valued = orderOutcomesOptions(report, 'value', context).option
      .series as BarSeriesOption[];
    expect(valued.slice(0, 3).map((s) => s.data)).toEqual([
      [100, 0, 20],
      [0, 0, 30],
      [100, 0, 0],
    ]);
  });

  it('tells each month in the tooltip, other statuses apart', () => {
    const tooltip = orderOutcomesOptions(report, 'orders', context).option.tooltip as {
      formatter: (p: unknown) => string;
    };
    const march = tooltip.formatter([{ dataIndex: 2 }]);
    expect(march).toContain('Canceled: <b>1</b> orders, €30');
    expect(march).toContain('Cancel rate: 50.0%');
    expect(march).toContain('Other statuses: 1 orders, in no rate');
    expect(tooltip.formatter([{ dataIndex: 1 }])).toContain('Cancel rate: —');
  });

  it('tabulates every count, value and rate raw', () => {
    const { table } = orderOutcomesOptions(report, 'value', context);
    expect(table.columns.map((c) => c.label)).toEqual([
      'Month',
      'Successful orders',
      'Successful value',
      'Canceled orders',
      'Canceled value',
      'Returned orders',
      'Returned value',
      'Other orders',
      'Cancel rate',
      'Return rate',
    ]);
    expect(table.rows[2]).toEqual({
      month: '2024-03',
      successOrders: 1,
      successValue: 20,
      canceledOrders: 1,
      canceledValue: 30,
      returnedOrders: 0,
      returnedValue: 0,
      otherOrders: 1,
      cancelRate: 0.5,
      returnRate: 0,
    });
  });
});
