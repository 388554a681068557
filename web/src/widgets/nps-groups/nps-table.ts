import type { NpsReport } from '../../api/types';
import type { TableData } from '../../format/csv';

/** The NPS groups with their share of respondents and every figure the report has. */
export function npsTable(report: NpsReport): TableData {
  return {
    columns: [
      { key: 'group', label: 'Group', format: 'text' },
      { key: 'customers', label: 'Customers', format: 'count' },
      { key: 'share', label: 'Share', format: 'percent' },
      { key: 'clvHistoric', label: 'CLV (historic)', format: 'money' },
      { key: 'apv', label: 'APV', format: 'money' },
      { key: 'retentionRate', label: 'Retention', format: 'percent' },
    ],
    rows: report.groups.map((g) => ({
      group: g.group,
      customers: g.customers,
      share: report.respondents > 0 ? g.customers / report.respondents : null,
      clvHistoric: g.clvHistoric,
      apv: g.apv,
      retentionRate: g.retentionRate,
    })),
  };
}
