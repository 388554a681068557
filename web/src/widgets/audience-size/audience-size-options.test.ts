import { describe, expect, it } from 'vitest';
import { audienceSizeOptions } from './audience-size-options';

const context = { currency: 'EUR', locale: 'en-US' };

describe('audience size over time', () => {
  it('draws members as a line and entries and exits as bars, one point per day', () => {
    const view = audienceSizeOptions(
      {
        days: [
          { day: '2026-12-01', members: 10, entered: 10, exited: 0 },
          { day: '2026-12-02', members: 12, entered: 3, exited: 1 },
        ],
      },
      context,
    );
    const series = view.option.series as { name: string; type: string; data: number[] }[];
    expect(series.map((s) => [s.name, s.type, s.data])).toEqual([
      ['Members', 'line', [10, 12]],
      ['Entered', 'bar', [10, 3]],
      ['Exited', 'bar', [0, 1]],
    ]);
    expect((view.option.xAxis as { data: string[] }).data).toEqual(['2026-12-01', '2026-12-02']);
    expect(view.table.rows[1]).toEqual({ day: '2026-12-02', members: 12, entered: 3, exited: 1 });
  });

  it('shows a single day as a point, not an invisible line', () => {
    const view = audienceSizeOptions(
      { days: [{ day: '2026-12-01', members: 4, entered: 4, exited: 0 }] },
      context,
    );
    expect((view.option.series as { symbol?: string }[])[0]?.symbol).toBe('circle');
  });
});
