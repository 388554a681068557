import { describe, expect, it } from 'vitest';
import { NPS } from './nps-fixture';
import { groupName, npsGroupOptions } from './nps-group-options';

const context = { currency: 'EUR', locale: 'en-US' };

interface Bars {
  name: string;
  data: { value: number | null; itemStyle: { color: string } }[];
}

describe('npsGroupOptions', () => {
  it('draws one bar per group with its CLV, none for a group that never bought', () => {
    const { option, table } = npsGroupOptions(NPS, 'clvHistoric', context);
    const [bars] = option.series as Bars[];
    expect((option.xAxis as { data: string[] }).data).toEqual([
      'Promoters',
      'Passives',
      'Detractors',
    ]);
    expect(bars?.data.map((d) => d.value)).toEqual([400, 200, null]);
    expect(bars?.data.map((d) => d.itemStyle.color)).toEqual(['#0072B2', '#52606d', '#D55E00']);
    expect(table.rows).toEqual([
      { group: 'promoters', customers: 5, clvHistoric: 400 },
      { group: 'passives', customers: 3, clvHistoric: 200 },
      { group: 'detractors', customers: 2, clvHistoric: null },
    ]);
  });

  it('reads retention as a percentage and APV as money', () => {
    const retention = npsGroupOptions(NPS, 'retentionRate', context).option;
    const apv = npsGroupOptions(NPS, 'apv', context).option;
    const tooltip = (o: { tooltip?: unknown }) =>
      (o.tooltip as { valueFormatter: (v: unknown) => string }).valueFormatter;
    expect((retention.series as Bars[])[0]?.data.map((d) => d.value)).toEqual([0.6, 0.5, null]);
    expect(tooltip(retention)(0.6)).toBe('60.0%');
    expect(tooltip(apv)(80)).toBe('€80.00');
    expect(tooltip(apv)(null)).toBe('—');
  });
});

describe('groupName', () => {
  it('capitalises the group', () => {
    expect(groupName('detractors')).toBe('Detractors');
  });
});
