import type { BarSeriesOption, TooltipComponentOption } from 'echarts';
import { describe, expect, it } from 'vitest';
import { COMPARISON, CURRENT } from '../../charts/palette';
import { escapeHtml } from '../../format/html';
import {
  ALL_COMPARISON,
  ALL_CURRENT,
  hasComparison,
  segmentBarsHeight,
  segmentBarsOptions,
  type SegmentBarsInput,
} from './segment-bars-options';
import { kpi, kpiReport } from '../../test-support/kpi-report';

const context = { currency: 'EUR', locale: 'en-US' };
const segments = [
  {
    segment: 'subscribed',
    customers: 7918,
    kpis: kpiReport({
      retentionRate: { value: 0.5874, previous: 0.5, change: 0.1748 },
      clvPredicted: { value: 94.06 },
    }),
  },
  {
    segment: '<b>not</b> subscribed',
    customers: 12082,
    kpis: kpiReport({ retentionRate: { value: null, previous: 0.4, change: null } }),
  },
];
const input: SegmentBarsInput = {
  segments,
  kpi: 'retentionRate',
  format: 'percent',
  overall: kpi({ value: 0.5072, previous: 0.51, change: -0.0055 }),
  comparisonLabel: 'Previous period',
  context,
};

function seriesOf(input: SegmentBarsInput) {
  return segmentBarsOptions(input).option.series as BarSeriesOption[];
}

describe('segmentBarsOptions', () => {
  it('draws a bar per group for this period and the comparison, all customers last in grey', () => {
    const { option } = segmentBarsOptions(input);
    expect((option.yAxis as { data: string[] }).data).toEqual([
      'subscribed',
      '<b>not</b> subscribed',
      'All customers',
    ]);
    const [current, previous] = option.series as BarSeriesOption[];
    expect(current).toMatchObject({ name: 'This period', color: CURRENT });
    expect(current?.data).toEqual([
      0.5874,
      null,
      { value: 0.5072, itemStyle: { color: ALL_CURRENT } },
    ]);
    expect(previous).toMatchObject({ name: 'Previous period', color: COMPARISON });
    expect(previous?.data).toEqual([
      0.5,
      0.4,
      { value: 0.51, itemStyle: { color: ALL_COMPARISON } },
    ]);
  });

  it('labels the bars in the KPI format, a missing value as a dash', () => {
    const label = seriesOf(input)[0]?.label?.formatter as (p: { dataIndex: number }) => string;
    expect([0, 1, 2].map((dataIndex) => label({ dataIndex }))).toEqual(['58.7%', '—', '50.7%']);
  });

  it('draws only the groups without an overall figure', () => {
    const [current] = seriesOf({ ...input, overall: null });
    expect(current?.data).toEqual([0.5874, null]);
  });

  it('leaves the comparison out when no group has one, as for predicted CLV', () => {
    const series = seriesOf({ ...input, kpi: 'clvPredicted', format: 'money', overall: null });
    expect(series).toHaveLength(1);
    expect(series[0]?.data).toEqual([94.06, null]);
    expect(hasComparison(segments, 'clvPredicted')).toBe(false);
    const label = series[0]?.label?.formatter as (p: { dataIndex: number }) => string;
    expect(label({ dataIndex: 0 })).toBe('€94.06');
  });

  it('tabulates the groups then all customers, raw, with nulls kept', () => {
    const { table } = segmentBarsOptions(input);
    expect(table.columns.map((c) => c.label)).toEqual([
      'Group',
      'Customers',
      'This period',
      'Previous period',
      'Change',
    ]);
    expect(table.rows).toEqual([
      { group: 'subscribed', customers: 7918, value: 0.5874, previous: 0.5, change: 0.1748 },
      {
        group: '<b>not</b> subscribed',
        customers: 12082,
        value: null,
        previous: 0.4,
        change: null,
      },
      { group: 'All customers', customers: 20000, value: 0.5072, previous: 0.51, change: -0.0055 },
    ]);
  });

  it('escapes group names in the tooltip, which ECharts renders as HTML', () => {
    const tooltip = segmentBarsOptions(input).option.tooltip as TooltipComponentOption & {
      formatter: (p: unknown) => string;
    };
    const text = tooltip.formatter([{ dataIndex: 1 }]);
    expect(text).toContain('<strong>&lt;b&gt;not&lt;/b&gt; subscribed</strong>');
    expect(text).toContain('Customers: 12,082');
    expect(text).toContain('This period: <b>—</b>');
    expect(text).toContain('Previous period: 40.0%');
    expect(tooltip.formatter({ dataIndex: 2 })).toContain('Change: -0.6%');
    expect(escapeHtml(`a&"'`)).toBe('a&amp;&quot;&#39;');
  });

  it('names the grey all-customers bars in the legend, without a bar slot of their own', () => {
    const series = seriesOf(input);
    expect(series.map((s) => [s.type, s.name, s.color])).toEqual([
      ['bar', 'This period', CURRENT],
      ['bar', 'Previous period', COMPARISON],
      ['scatter', 'All customers, this period', ALL_CURRENT],
      ['scatter', 'All customers, previous period', ALL_COMPARISON],
    ]);
    expect(series.slice(2).map((s) => s.data)).toEqual([[], []]);
    const yearly = seriesOf({ ...input, comparisonLabel: 'Same period last year' });
    expect(yearly[3]?.name).toBe('All customers, same period last year');
    // Predicted CLV has no comparison: one legend entry for all customers.
    const predicted = seriesOf({ ...input, kpi: 'clvPredicted', format: 'money' });
    expect(predicted.map((s) => s.name)).toEqual(['This period', 'All customers, this period']);
  });

  it('shows groups as labels on the axis and in the tooltip, raw in the table', () => {
    const labelled = {
      ...input,
      segments: [
        {
          segment: 'paid_search',
          customers: 5,
          kpis: kpiReport({ retentionRate: { value: 0.5, previous: 0.4, change: 0.25 } }),
        },
      ],
      groupLabel: (group: string) => group.replace(/_/g, ' '),
    };
    const { option, table } = segmentBarsOptions(labelled);
    expect((option.yAxis as { data: string[] }).data).toEqual(['paid search', 'All customers']);
    expect(table.rows.map((row) => row.group)).toEqual(['paid_search', 'All customers']);
    const tooltip = option.tooltip as { formatter: (p: unknown) => string };
    expect(tooltip.formatter([{ dataIndex: 0 }])).toContain('<strong>paid search</strong>');
  });

  it('grows with the number of groups', () => {
    expect(segmentBarsHeight(3, true)).toBe(200);
    expect(segmentBarsHeight(11, true)).toBe(458);
    expect(segmentBarsHeight(11, false)).toBe(348);
  });
});
