import type { EChartsOption } from 'echarts';
import type { DecilesReport } from '../../api/types';
import { COMPARISON, CURRENT } from '../../charts/palette';
import type { TableData } from '../../format/csv';
import { formatAxis, formatValue, type FormatContext } from '../../format/format';
import type { ChartView } from '../chart-card/ChartCard';
import { decileValueLabel, decileValueNoun } from '../decile-table/decile-table';

export interface ParetoPoint {
  decile: number;
  customers: number;
  customerShare: number;
  valueShare: number;
}

/**
 * The cumulative shares after each decile, top decile first: of customers (counted, since the
 * first deciles may be one customer larger) and of the value (the API's shares, summed).
 */
export function paretoPoints(report: DecilesReport): ParetoPoint[] {
  const total = report.deciles.reduce((sum, d) => sum + d.customers, 0);
  let customers = 0;
  let valueShare = 0;
  return report.deciles.map((d) => {
    customers += d.customers;
    // A decile's share is null only when the total is 0.
    valueShare += d.share ?? 0;
    return {
      decile: d.decile,
      customers,
      customerShare: total > 0 ? customers / total : 0,
      valueShare,
    };
  });
}

/** The Pareto curve: cumulative share of customers (x) against cumulative share of value (y). */
export function decileParetoOptions(report: DecilesReport, context: FormatContext): ChartView {
  const points = paretoPoints(report);
  const value = decileValueNoun(report.by);
  const percent = (v: number) => formatAxis(v, 'percent', context);
  const option: EChartsOption = {
    animation: false,
    grid: { left: 56, right: 24, top: 36, bottom: 44 },
    legend: { top: 0 },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: 'Share of customers, highest first',
      nameLocation: 'middle',
      nameGap: 28,
      axisLabel: { formatter: percent },
    },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: percent } },
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        const data = (params as { data?: unknown }).data;
        if (!Array.isArray(data)) return '';
        const [x, y] = data as [number, number];
        return `Top ${formatValue(x, 'percent', context)} of customers: ${formatValue(y, 'percent', context)} of ${value}`;
      },
    },
    series: [
      {
        type: 'line',
        name: `Cumulative share of ${value}`,
        data: [[0, 0], ...points.map((p) => [p.customerShare, p.valueShare])],
        itemStyle: { color: CURRENT },
        lineStyle: { width: 2 },
        areaStyle: { color: CURRENT, opacity: 0.08 },
      },
      {
        type: 'line',
        name: 'Equal shares',
        data: [
          [0, 0],
          [1, 1],
        ],
        symbol: 'none',
        silent: true,
        lineStyle: { type: 'dashed', width: 1, color: COMPARISON },
        itemStyle: { color: COMPARISON },
      },
    ],
  };
  return { option, table: paretoTable(points, report) };
}

function paretoTable(points: ParetoPoint[], report: DecilesReport): TableData {
  return {
    columns: [
      { key: 'decile', label: 'Top deciles', format: 'count' },
      { key: 'customers', label: 'Customers', format: 'count' },
      { key: 'customerShare', label: 'Customer share', format: 'percent' },
      { key: 'valueShare', label: `${decileValueLabel(report.by)} share`, format: 'percent' },
    ],
    rows: points.map((p) => ({ ...p })),
  };
}
