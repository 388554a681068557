import { describe, expect, it } from 'vitest';
import { NPS } from './nps-fixture';
import { npsTable } from './nps-table';

describe('npsTable', () => {
  it('has each group’s share of respondents and all its figures', () => {
    const table = npsTable(NPS);
    expect(table.rows.map((r) => r.share)).toEqual([0.5, 0.3, 0.2]);
    expect(table.rows[0]).toEqual({
      group: 'promoters',
      customers: 5,
      share: 0.5,
      clvHistoric: 400,
      apv: 80,
      retentionRate: 0.6,
    });
  });

  it('has no shares without respondents', () => {
    const none = { ...NPS, nps: null, respondents: 0 };
    expect(npsTable(none).rows.map((r) => r.share)).toEqual([null, null, null]);
  });
});
