import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../channel-table/channel-fixture';
import { channelClvCacOptions } from './channel-clv-cac-options';
import { seriesOf, tooltipOf } from './read-option';

const context = { currency: 'EUR', locale: 'en-US' };

describe('channelClvCacOptions', () => {
  const { option, table } = channelClvCacOptions(CHANNELS, context);

  it("puts the glossary's CLV, historic CLV and CAC side by side, no bar for a missing CAC", () => {
    expect((option.xAxis as { data: string[] }).data).toEqual(['organic', 'paid_search']);
    expect(seriesOf(option).map((s) => [s.name, s.data])).toEqual([
      ['CLV (predicted)', [160, 130]],
      ['CLV (historic)', [150, 120]],
      ['CAC', [null, 50]],
    ]);
    expect(table.rows).toEqual([
      { channel: 'organic', clv: 160, clvHistoric: 150, cac: null },
      { channel: 'paid_search', clv: 130, clvHistoric: 120, cac: 50 },
    ]);
  });

  it('reads money in the base currency and a null as a dash', () => {
    expect(tooltipOf(option)(50)).toBe('€50.00');
    expect(tooltipOf(option)(null)).toBe('—');
  });
});
