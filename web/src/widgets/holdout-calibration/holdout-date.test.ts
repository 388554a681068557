import { describe, expect, it } from 'vitest';
import { defaultHoldoutFrom, monthsBefore } from './holdout-date';

describe('holdout date', () => {
  it('goes back whole months, clamping to shorter months', () => {
    expect(monthsBefore('2026-11-01', 6)).toBe('2026-05-01');
    expect(monthsBefore('2026-08-31', 6)).toBe('2026-02-28');
    expect(monthsBefore('2026-03-15', 6)).toBe('2025-09-15');
  });

  it('keeps the last six months of data for the holdout', () => {
    expect(defaultHoldoutFrom('2026-10-31', '2027-01-01')).toBe('2026-05-01');
    expect(defaultHoldoutFrom(null, '2026-06-30')).toBe('2026-01-01');
  });
});
