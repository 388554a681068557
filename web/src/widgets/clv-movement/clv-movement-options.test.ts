import { describe, expect, it } from 'vitest';
import { REPORT } from '../campaign-table/campaign-fixture';
import { clvMovementOptions } from './clv-movement-options';

const context = { currency: 'EUR', locale: 'en-US' };

describe('CLV movement', () => {
  it('shows CLV before and now for responders and non-responders of each audience', () => {
    const view = clvMovementOptions(REPORT.clvMovement, context);
    expect((view.option.yAxis as { data: string[] }).data).toEqual([
      'VIP · responders',
      'VIP · non-responders',
    ]);
    const series = view.option.series as { name: string; data: (number | null)[] }[];
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['CLV before the send', [120, 100]],
      ['CLV now', [150, 95]],
    ]);
    expect(view.table.rows[1]).toEqual({
      audience: 'VIP',
      group: 'non-responders',
      customers: 805,
      clvBefore: 100,
      clvNow: 95,
      pAliveBefore: 0.6,
      pAliveNow: 0.55,
    });
  });
});
