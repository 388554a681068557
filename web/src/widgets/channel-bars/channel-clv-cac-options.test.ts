import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../channel-table/channel-fixture';
import { channelClvCacOptions } from './channel-clv-cac-options';
import { seriesOf, tooltipOf } from './read-option';

const context = { currency: 'EUR', locale: 'en-US' };

describe('channelClvCacOptions', () => {
  const { option, table } = channelClvCacOptions(CHANNELS, context);

  it('puts CLV and CAC side by side per channel, no bar for a missing CAC', () => {
    expect((option.xAxis as { data: string[] }).data).toEqual(['organic', 'paid_search']);
    expect(seriesOf(option).map((s) => [s.name, s.data])).toEqual([
      ['CLV (historic)', [150, 120]],
      ['CAC', [null, 50]],
    ]);
    expect(table.rows).toEqual([
      { channel: 'organic', clvHistoric: 150, cac: null },
      { channel: 'paid_search', clvHistoric: 120, cac: 50 },
    ]);
  });

  it('reads money in the base currency and a null as a dash', () => {
    expect(tooltipOf(option)(50)).toBe('€50.00');
    expect(tooltipOf(option)(null)).toBe('—');
  });
});
