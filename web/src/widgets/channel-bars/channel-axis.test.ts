import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../channel-table/channel-fixture';
import { channelLabel, channelName, noBars } from './channel-axis';

describe('channelName', () => {
  it('reads underscores as spaces', () => {
    expect(channelName('email_referral')).toBe('email referral');
  });
});

describe('channelLabel', () => {
  it('notes a channel without CAC', () => {
    const withoutCac = new Set(['organic']);
    expect(channelLabel('organic', withoutCac)).toBe('organic\n(no CAC)');
    expect(channelLabel('paid_search', withoutCac)).toBe('paid search');
  });
});

describe('noBars', () => {
  it('is true only when no channel has any of the figures', () => {
    expect(noBars(CHANNELS, 'cac')).toBe(false);
    const noCosts = {
      ...CHANNELS,
      channels: CHANNELS.channels.map((c) => ({ ...c, cac: null, clvToCac: null })),
    };
    expect(noBars(noCosts, 'clvToCac')).toBe(true);
    expect(noBars(noCosts, 'clvHistoric', 'cac')).toBe(false);
    expect(noBars({ ...CHANNELS, channels: [] }, 'cac')).toBe(true);
  });
});
