import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../channel-table/channel-fixture';
import { channelRatioOptions } from './channel-ratio-options';
import { seriesOf, tooltipOf } from './read-option';

const context = { currency: 'EUR', locale: 'en-US' };

describe('channelRatioOptions', () => {
  const { option, table } = channelRatioOptions(CHANNELS, context);

  it('draws the ratios with the 3× line', () => {
    const [bars] = seriesOf(option);
    expect(bars?.data).toEqual([null, 2.4]);
    expect(bars?.markLine?.data).toEqual([{ yAxis: 3 }]);
    expect(table.rows.map((r) => r.clvToCac)).toEqual([null, 2.4]);
    expect(tooltipOf(option)(2.4)).toBe('2.40×');
  });

  it('keeps the 3× line in view when every channel is below it', () => {
    const yMax = (o: { yAxis?: unknown }) => (o.yAxis as { max?: number }).max;
    expect(yMax(option)).toBe(4);
    const high = {
      ...CHANNELS,
      channels: CHANNELS.channels.map((c) => ({ ...c, clvToCac: c.clvToCac && 9.2 })),
    };
    expect(yMax(channelRatioOptions(high, context).option)).toBeUndefined();
  });
});
