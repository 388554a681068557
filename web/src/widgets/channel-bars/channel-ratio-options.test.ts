import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../channel-table/channel-fixture';
import { channelRatioOptions } from './channel-ratio-options';
import { seriesOf, tooltipOf } from './read-option';

const context = { currency: 'EUR', locale: 'en-US' };

describe('channelRatioOptions', () => {
  const { option, table } = channelRatioOptions(CHANNELS, context);

  it("draws the glossary's ratios with the 3× line, and the historic ones beside, labelled", () => {
    const [bars, historic] = seriesOf(option);
    expect(bars?.name).toBe('CLV:CAC (predicted CLV)');
    expect(bars?.data).toEqual([null, 2.6]);
    expect(bars?.markLine?.data).toEqual([{ yAxis: 3 }]);
    expect(historic?.name).toBe('Historic CLV:CAC');
    expect(historic?.data).toEqual([null, 2.4]);
    expect(table.rows.map((r) => r['clvToCac'])).toEqual([null, 2.6]);
    expect(tooltipOf(option)(2.4)).toBe('2.40×');
  });

  it('greys a ratio on too little history and leaves it out of the axis scale', () => {
    const short = {
      ...CHANNELS,
      channels: CHANNELS.channels.map((c) => ({
        ...c,
        clvToCacBasis: 'rolling' as const,
        clvToCac: c.clvToCac && 400,
        insufficientHistory: true,
      })),
    };
    const view = channelRatioOptions(short, context);
    expect((view.option.yAxis as { max?: number }).max).toBe(4);
    const [bars] = seriesOf(view.option);
    expect(bars?.name).toBe('CLV:CAC (rolling CLV)');
    expect(bars?.data).toEqual([
      null,
      { value: 400, itemStyle: { color: '#52606d', opacity: 0.45 } },
    ]);
    expect(view.table.rows[1]?.['shortHistory']).toBe('yes');
  });

  it('keeps the 3× line in view when every channel is below it', () => {
    const yMax = (o: { yAxis?: unknown }) => (o.yAxis as { max?: number }).max;
    expect(yMax(option)).toBe(4);
    const high = {
      ...CHANNELS,
      channels: CHANNELS.channels.map((c) => ({ ...c, clvToCac: c.clvToCac && 9.2 })),
    };
    expect(yMax(channelRatioOptions(high, context).option)).toBe(11);
  });
});
