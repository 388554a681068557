import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../channel-table/channel-fixture';
import { channelPaybackOptions } from './channel-payback-options';
import { seriesOf, tooltipOf } from './read-option';

const context = { currency: 'EUR', locale: 'en-US' };

describe('channelPaybackOptions', () => {
  it('draws the payback months, none for a channel without spend', () => {
    const { option, table } = channelPaybackOptions(CHANNELS, context);
    expect(seriesOf(option)[0]?.data).toEqual([null, 4]);
    expect(table.rows).toEqual([
      { channel: 'organic', paybackMonths: null },
      { channel: 'paid_search', paybackMonths: 4 },
    ]);
    expect(tooltipOf(option)(4)).toBe('4 mo');
  });
});
