import type { ChannelsReport } from '../../api/types';
import type { TableData } from '../../format/csv';

/**
 * Every figure of every channel, raw; a channel without spend keeps null CAC, ratio, payback.
 * CLV:CAC is the glossary's (predicted CLV when fitted, else rolling); the historic one is beside it.
 */
export function channelTable(report: ChannelsReport): TableData {
  return {
    columns: [
      { key: 'channel', label: 'Channel', format: 'text' },
      { key: 'customers', label: 'Customers', format: 'count' },
      { key: 'newBuyers', label: 'New buyers', format: 'count' },
      { key: 'buyers', label: 'Buyers', format: 'count' },
      { key: 'revenue', label: 'Revenue', format: 'money' },
      { key: 'spend', label: 'Spend', format: 'money' },
      { key: 'cac', label: 'CAC', format: 'money' },
      { key: 'clvHistoric', label: 'CLV (historic)', format: 'money' },
      { key: 'clvRolling', label: 'CLV (rolling)', format: 'money' },
      { key: 'clvPredicted', label: 'CLV (predicted)', format: 'money' },
      { key: 'clvToCac', label: 'CLV:CAC', format: 'ratio' },
      { key: 'clvToCacBasis', label: 'CLV:CAC rests on', format: 'text' },
      { key: 'clvHistoricToCac', label: 'Historic CLV:CAC', format: 'ratio' },
      { key: 'paybackMonths', label: 'Payback (months)', format: 'months' },
    ],
    rows: report.channels.map((c) => ({
      channel: c.channel,
      customers: c.customers,
      newBuyers: c.newBuyers,
      buyers: c.buyers,
      revenue: c.revenue,
      spend: c.spend,
      cac: c.cac,
      clvHistoric: c.clvHistoric,
      clvRolling: c.clvRolling,
      clvPredicted: c.clvPredicted,
      clvToCac: c.clvToCac,
      clvToCacBasis: `${c.clvToCacBasis} CLV${c.insufficientHistory ? ', too little history' : ''}`,
      clvHistoricToCac: c.clvHistoricToCac,
      paybackMonths: c.paybackMonths,
    })),
  };
}
