import { describe, expect, it } from 'vitest';
import { COMPARISON, CURRENT } from '../../charts/palette';
import { sparklineOption } from './sparkline-options';
import { point } from '../../test-support/kpi-report';

describe('KPI sparkline', () => {
  it('draws the months and the same months a year earlier, gaps for missing values', () => {
    const option = sparklineOption([
      point({ month: '2025-10', value: 10, yearEarlier: 8 }),
      point({ month: '2025-11', value: null, yearEarlier: 9 }),
      point({ month: '2025-12', value: 12, yearEarlier: null }),
    ]);
    expect(option.xAxis).toMatchObject({ data: ['2025-10', '2025-11', '2025-12'] });
    const series = option.series as { name: string; data: (number | null)[]; lineStyle: object }[];
    expect(series.map((s) => s.name)).toEqual(['A year earlier', 'This period']);
    expect(series[0]?.data).toEqual([8, 9, null]);
    expect(series[1]?.data).toEqual([10, null, 12]);
    expect(series[0]?.lineStyle).toMatchObject({ color: COMPARISON, type: 'dashed' });
    expect(series[1]?.lineStyle).toMatchObject({ color: CURRENT });
  });

  it('leaves out months on too little history', () => {
    const option = sparklineOption([
      point({
        month: '2025-10',
        value: 600,
        yearEarlier: 976_659,
        insufficientHistory: { value: false, yearEarlier: true },
      }),
      point({ month: '2025-11', value: 620, yearEarlier: 640 }),
    ]);
    const series = option.series as { data: (number | null)[] }[];
    expect(series[0]?.data).toEqual([null, 640]);
    expect(series[1]?.data).toEqual([600, 620]);
  });
});
