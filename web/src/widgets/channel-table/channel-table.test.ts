import { describe, expect, it } from 'vitest';
import { CHANNELS } from './channel-fixture';
import { channelTable } from './channel-table';

describe('channelTable', () => {
  const table = channelTable(CHANNELS);

  it('has every figure of a channel', () => {
    expect(table.rows[1]).toEqual({
      channel: 'paid_search',
      customers: 5,
      newBuyers: 2,
      buyers: 4,
      revenue: 600,
      spend: 100,
      cac: 50,
      clvHistoric: 120,
      clvRolling: 110,
      clvPredicted: 130,
      // The glossary's CLV:CAC on predicted CLV (130 / 50), the historic one (120 / 50) beside.
      clvToCac: 2.6,
      clvToCacBasis: 'predicted CLV',
      clvHistoricToCac: 2.4,
      paybackMonths: 4,
    });
    expect(table.columns).toHaveLength(14);
  });

  it('keeps a channel without spend at null CAC, ratio and payback, not zero', () => {
    const organic = table.rows[0];
    expect(organic?.spend).toBe(0);
    expect(organic?.cac).toBeNull();
    expect(organic?.clvToCac).toBeNull();
    expect(organic?.paybackMonths).toBeNull();
  });
});
