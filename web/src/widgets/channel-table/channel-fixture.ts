import type { ChannelsReport } from '../../api/types';

/** Two channels: one without spend (so no CAC, ratio or payback), one with. */
export const CHANNELS: ChannelsReport = {
  period: { from: '2025-10-01', to: '2026-10-01' },
  currency: 'EUR',
  channels: [
    {
      channel: 'organic',
      customers: 10,
      newBuyers: 4,
      buyers: 6,
      revenue: 1000,
      spend: 0,
      cac: null,
      clvHistoric: 150,
      clvRolling: 140,
      clvPredicted: 160,
      clvToCac: null,
      clvToCacBasis: 'predicted',
      clvHistoricToCac: null,
      insufficientHistory: false,
      paybackMonths: null,
    },
    {
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
      clvToCac: 2.6,
      clvToCacBasis: 'predicted',
      clvHistoricToCac: 2.4,
      insufficientHistory: false,
      paybackMonths: 4,
    },
  ],
};
