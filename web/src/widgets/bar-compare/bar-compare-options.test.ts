import type { BarSeriesOption, TooltipComponentOption, XAXisComponentOption } from 'echarts';
import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../api/types';
import { COMPARISON, CURRENT } from '../../charts/palette';
import { toCsv } from '../../format/csv';
import { axisCap, niceCeil } from './axis-cap';
import {
  barCompareOptions,
  changeOf,
  compareTooltip,
  CURRENT_NAME,
  hasShortHistory,
  YEAR_EARLIER_NAME,
} from './bar-compare-options';
import { monthAxisLabel } from './month-label';
import { point } from '../../test-support/kpi-report';

const context = { currency: 'EUR', locale: 'en-US' };
const series: SeriesPoint[] = [
  point({ month: '2025-11', value: 1200, yearEarlier: 1000 }),
  point({ month: '2025-12', value: null, yearEarlier: 800 }),
  point({ month: '2026-01', value: 500, yearEarlier: null }),
  point({ month: '2026-02', value: 300, yearEarlier: 0 }),
];

function bars(series: SeriesPoint[]) {
  return barCompareOptions({ series, format: 'money', context }).option.series as BarSeriesOption[];
}

describe('barCompareOptions', () => {
  it('draws this period and the same month a year earlier as two bar series', () => {
    const [current, earlier] = bars(series);
    expect(current).toMatchObject({ type: 'bar', name: CURRENT_NAME, color: CURRENT });
    expect(earlier).toMatchObject({ type: 'bar', name: YEAR_EARLIER_NAME, color: COMPARISON });
    expect(current?.data).toEqual([1200, null, 500, 300]);
    expect(earlier?.data).toEqual([1000, 800, null, 0]);
    expect(YEAR_EARLIER_NAME).toBe('Same month last year');
  });

  it('puts the months on the axis, the year under the first month and every January', () => {
    const { option } = barCompareOptions({ series, format: 'money', context });
    const axis = option.xAxis as XAXisComponentOption & { data: string[] };
    expect(axis.data).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    const labels = axis.data.map((m, i) => monthAxisLabel(m, i, 'en-US'));
    expect(labels).toEqual(['Nov\n2025', 'Dec', 'Jan\n2026', 'Feb']);
  });

  it('tabulates raw values with the change, keeping nulls', () => {
    const { table } = barCompareOptions({ series, format: 'money', context });
    expect(table.columns.map((c) => c.label)).toEqual([
      'Month',
      'This period',
      'Same month a year earlier',
      'Change',
      'Note',
    ]);
    expect(table.columns.map((c) => c.format)).toEqual([
      'text',
      'money',
      'money',
      'percent',
      'text',
    ]);
    expect(table.rows).toEqual([
      { month: '2025-11', value: 1200, yearEarlier: 1000, change: 0.2, note: null },
      { month: '2025-12', value: null, yearEarlier: 800, change: null, note: null },
      { month: '2026-01', value: 500, yearEarlier: null, change: null, note: null },
      { month: '2026-02', value: 300, yearEarlier: 0, change: null, note: null },
    ]);
    expect(toCsv(table).split('\r\n')[2]).toBe('2025-12,,800,,');
  });

  it('formats the tooltip in the base currency', () => {
    const text = compareTooltip(series[0] as SeriesPoint, 'money', context);
    expect(text).toContain('Nov 2025');
    expect(text).toContain('This period: <b>€1,200</b>');
    expect(text).toContain('Same month last year: €1,000');
    expect(text).toContain('Change: +20.0%');
    const missing = compareTooltip(series[1] as SeriesPoint, 'money', context);
    expect(missing).toContain('This period: <b>—</b>');
    const tooltip = barCompareOptions({ series, format: 'money', context }).option
      .tooltip as TooltipComponentOption & { formatter: (p: unknown) => string };
    expect(tooltip.formatter([{ dataIndex: 1 }])).toBe(missing);
  });

  it('formats the value axis as compact money or percent', () => {
    const axis = (format: 'money' | 'percent') =>
      barCompareOptions({ series, format, context }).option.yAxis as {
        axisLabel: { formatter: (v: number) => string };
      };
    expect(axis('money').axisLabel.formatter(1500)).toBe('€1.5K');
    expect(axis('percent').axisLabel.formatter(0.25)).toBe('25%');
  });

  it('cuts a far outlier at a nice axis maximum and labels the cut bar', () => {
    const months = Array.from({ length: 6 }, (_, i) => `2025-0${i + 1}`);
    const spiky: SeriesPoint[] = months.map((month, i) =>
      point({ month, value: 500, yearEarlier: i === 0 ? 976_659 : 600 }),
    );
    const { option } = barCompareOptions({ series: spiky, format: 'money', context });
    expect((option.yAxis as { max?: number }).max).toBe(2000);
    const earlier = (option.series as BarSeriesOption[])[1]?.data as unknown[];
    expect(earlier[0]).toMatchObject({ value: 976_659, label: { formatter: '€976.7K ▸' } });
    expect(earlier.slice(1)).toEqual([600, 600, 600, 600, 600]);
    expect((bars(series)[0] as { max?: number }).max).toBeUndefined();
  });
});

describe('months on too little history', () => {
  // Trends' rolling CLV of a young store: the year-earlier months rest on its first weeks.
  const young: SeriesPoint[] = ['2025-01', '2025-02', '2025-03', '2025-04'].map((month, i) =>
    point({
      month,
      value: [620, 640, 660, 652][i] ?? null,
      yearEarlier: [976_659, 13_597, 4_635, null][i] ?? null,
      yearEarlierReason: i === 3 ? 'no-active-customers' : null,
      insufficientHistory: { value: false, yearEarlier: i < 3 },
    }),
  );

  it('greys those bars and leaves them out of the axis scale', () => {
    const { option, table } = barCompareOptions({ series: young, format: 'money', context });
    // The trusted values (620..660) set the scale; the short ones are cut at it.
    expect((option.yAxis as { max?: number }).max).toBe(1000);
    const earlier = (option.series as BarSeriesOption[])[1]?.data as unknown[];
    expect(earlier[2]).toMatchObject({
      value: 4_635,
      itemStyle: { color: '#52606d', opacity: 0.4 },
      label: { formatter: '€4.6K ▸' },
    });
    expect(earlier[3]).toBeNull();
    expect(table.rows.map((r) => [r['change'], r['note']])).toEqual([
      [null, 'a year earlier: too little history'],
      [null, 'a year earlier: too little history'],
      [null, 'a year earlier: too little history'],
      [null, 'a year earlier: no customer active in the 12 months of the rolling window'],
    ]);
    expect(hasShortHistory(young)).toBe(true);
    expect(hasShortHistory(series)).toBe(false);
  });

  it('says so in the tooltip instead of a change', () => {
    const text = compareTooltip(young[0] as SeriesPoint, 'money', context);
    expect(text).toContain('€976,659 <i>(too little history)</i>');
    expect(text).toContain('Change: —');
  });
});

describe('axisCap', () => {
  it('leaves ordinary spreads alone and caps a far outlier', () => {
    expect(axisCap([100, 120, 90, 200, null])).toBeNull();
    expect(axisCap([1, 1, 1])).toBeNull();
    expect(axisCap([450, 500, 520, 600, 13_596, 976_659])).toBe(2000);
  });

  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0.031, 180, 1840, 2000, 2600, 7000].map(niceCeil)).toEqual([
      0.05, 200, 2000, 2000, 5000, 10_000,
    ]);
  });
});

describe('changeOf', () => {
  it('is null without both values or with a zero base', () => {
    expect(changeOf(150, 100)).toBeCloseTo(0.5);
    expect(changeOf(null, 100)).toBeNull();
    expect(changeOf(5, 0)).toBeNull();
  });
});
