import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import {
  holdoutPlan,
  pickBest,
  type CandidateScore,
} from '../../src/predictions/model-selection.js';

const candidate = (
  model: CandidateScore['model'],
  status: CandidateScore['status'],
  meanAbsoluteError: number | null,
): CandidateScore => ({
  model,
  status,
  reason: status === 'ok' ? null : 'why',
  predictedTotal: null,
  actualTotal: 0,
  totalError: null,
  meanAbsoluteError,
  groups: [],
});

describe('the holdout auto scores on', () => {
  const config = defaultConfig();

  it('is a quarter of the history by default, counted back from the last order day', () => {
    // 2024-01-01 .. 2024-12-31 is 366 days; a quarter, 91.5, rounds to 92 days: from 2024-10-01.
    expect(holdoutPlan('2024-01-01', '2024-12-31', config)).toEqual({
      holdoutFrom: '2024-10-01',
      holdoutDays: 92,
    });
  });

  it('is at most 12 months, and model.holdoutMonths when set', () => {
    // Six years of history: 12 months of 365.25 / 12 days, 365 days, from 2025-01-01.
    expect(holdoutPlan('2019-01-01', '2025-12-31', config)).toEqual({
      holdoutFrom: '2025-01-01',
      holdoutDays: 365,
    });
    const twoMonths = { ...config, model: { ...config.model, holdoutMonths: 2 } };
    // 2 × 30.4375 = 60.875 → 61 days before 2024-12-31 inclusive: from 2024-11-01.
    expect(holdoutPlan('2024-01-01', '2024-12-31', twoMonths)).toEqual({
      holdoutFrom: '2024-11-01',
      holdoutDays: 61,
    });
  });

  it('is none when the holdout or the calibration would be under 28 days, or without orders', () => {
    // 100 days: a quarter is 25 days, under the 28 a comparison needs.
    expect(holdoutPlan('2024-01-01', '2024-04-09', config)).toBeNull();
    expect(holdoutPlan(null, null, config)).toBeNull();
    // 110 days is the shortest history whose quarter rounds to 28.
    expect(holdoutPlan('2024-01-01', '2024-04-19', config)?.holdoutDays).toBe(28);
    expect(holdoutPlan('2024-01-01', '2024-04-18', config)).toBeNull();
    // A configured holdout of 3 months (91 days) in 111 days leaves 20 days of calibration.
    const long = { ...config, model: { ...config.model, holdoutMonths: 3 } };
    expect(holdoutPlan('2024-01-01', '2024-04-20', long)).toBeNull();
  });
});

describe('the candidate auto keeps', () => {
  it('is the lowest error among the ok candidates, whatever a degenerate one scored', () => {
    const best = pickBest([
      candidate('bgnbd', 'ok', 0.41),
      candidate('mbgnbd', 'degenerate', 0.2),
      candidate('paretonbd', 'ok', 0.4),
    ]);
    expect(best?.model).toBe('paretonbd');
  });

  it('breaks a tie by the fixed order bgnbd, mbgnbd, paretonbd', () => {
    const best = pickBest([
      candidate('bgnbd', 'ok', 0.4),
      candidate('mbgnbd', 'ok', 0.4),
      candidate('paretonbd', 'ok', 0.4),
    ]);
    expect(best?.model).toBe('bgnbd');
  });

  it('falls back to degenerate candidates, and to none when every one failed', () => {
    expect(
      pickBest([candidate('bgnbd', 'failed', null), candidate('mbgnbd', 'degenerate', 0.5)])?.model,
    ).toBe('mbgnbd');
    expect(pickBest([candidate('bgnbd', 'failed', null)])).toBeNull();
  });
});
