import type { EChartsOption } from 'echarts';
import type { ClvMovementRow } from '../../api/types';
import { COMPARISON, CURRENT } from '../../charts/palette';
import type { Row } from '../../format/csv';
import { formatAxis, formatValue, type FormatContext } from '../../format/format';
import type { ChartView } from '../chart-card/ChartCard';

/** "VIP · responders": the row's audience and group, as the axis names it. */
export function movementGroup(row: ClvMovementRow): string {
  return `${row.audience.name} · ${row.responder ? 'responders' : 'non-responders'}`;
}

/**
 * Mean predicted CLV of the campaign's recipients before the send and now, responders beside
 * non-responders per audience; P(alive) before and now in the table.
 */
export function clvMovementOptions(
  movement: readonly ClvMovementRow[],
  context: FormatContext,
): ChartView {
  const money = (v: unknown) => formatValue(typeof v === 'number' ? v : null, 'money', context);
  const option: EChartsOption = {
    animation: false,
    legend: { top: 0, left: 0 },
    grid: { left: 4, right: 16, top: 36, bottom: 4, outerBoundsMode: 'same' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: money },
    yAxis: { type: 'category', inverse: true, data: movement.map(movementGroup) },
    xAxis: {
      type: 'value',
      min: 0,
      axisLabel: { formatter: (v: number) => formatAxis(v, 'money', context) },
    },
    series: [
      {
        type: 'bar',
        name: 'CLV before the send',
        color: COMPARISON,
        barMaxWidth: 20,
        data: movement.map((m) => m.clvBefore),
      },
      {
        type: 'bar',
        name: 'CLV now',
        color: CURRENT,
        barMaxWidth: 20,
        data: movement.map((m) => m.clvNow),
      },
    ],
  };
  const rows: Row[] = movement.map((m) => ({
    audience: m.audience.name,
    group: m.responder ? 'responders' : 'non-responders',
    customers: m.customers,
    clvBefore: m.clvBefore,
    clvNow: m.clvNow,
    pAliveBefore: m.pAliveBefore,
    pAliveNow: m.pAliveNow,
  }));
  return {
    option,
    table: {
      columns: [
        { key: 'audience', label: 'Audience', format: 'text' },
        { key: 'group', label: 'Group', format: 'text' },
        { key: 'customers', label: 'Customers', format: 'count' },
        { key: 'clvBefore', label: 'CLV before', format: 'money' },
        { key: 'clvNow', label: 'CLV now', format: 'money' },
        { key: 'pAliveBefore', label: 'P(alive) before', format: 'percent' },
        { key: 'pAliveNow', label: 'P(alive) now', format: 'percent' },
      ],
      rows,
    },
  };
}
