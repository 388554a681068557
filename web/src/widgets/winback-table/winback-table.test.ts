import { describe, expect, it } from 'vitest';
import { LIST } from '../campaign-table/campaign-fixture';
import { winbackTable } from './winback-table';

const context = { currency: 'EUR', locale: 'en-US' };

describe('the winback table', () => {
  it('gives each window treated vs control with the difference, or why there is none', () => {
    const table = winbackTable(LIST.winback, context);
    expect(table.rows).toEqual([
      {
        audience: 'Winback',
        days: 30,
        treatedEligible: 200,
        treatedReactivated: 30,
        treatedShare: 0.15,
        controlEligible: 20,
        controlReactivated: 1,
        controlShare: 0.05,
        difference: 0.1,
        low: -0.02,
        high: 0.17,
        inWords: '+10.0 pp (95 % CI -2.0 to 17.0 pp), not significant',
      },
      expect.objectContaining({
        days: 90,
        treatedShare: null,
        difference: null,
        inWords: 'no eligible members in either group',
      }),
    ]);
    const said = winbackTable(
      LIST.winback.map((w) => ({ ...w, reason: 'No control group.' })),
      context,
    );
    expect(said.rows[1]?.inWords).toBe('No control group.');
  });
});
