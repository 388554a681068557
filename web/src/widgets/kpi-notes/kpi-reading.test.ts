import { describe, expect, it } from 'vitest';
import { kpi } from '../../test-support/kpi-report';
import { changeDirection, changeText, previousReading, valueReading } from './kpi-reading';

const context = { currency: 'EUR', locale: 'en-US' };

describe('how a KPI reads', () => {
  it('gives a rate its change in percentage points, not the relative change', () => {
    // 8.9 % against 8.7 %: +2.3 % relative, +0.2 pp.
    const cancel = kpi({ value: 0.089, previous: 0.087, change: 0.023, changePoints: 0.2 });
    expect(changeText(cancel, 'percent', context)).toBe('+0.2 pp');
    expect(changeDirection(cancel, 'percent')).toBeCloseTo(0.002, 12);
    const revenue = kpi({ value: 110, previous: 100, change: 0.1 });
    expect(changeText(revenue, 'money', context)).toBe('+10.0%');
    expect(changeText(kpi({ value: 0.1, previous: null }), 'percent', context)).toBe('—');
  });

  it('says why a value is missing, and that a period has no orders', () => {
    const cac = kpi({ reason: 'no-spend', previousReason: 'no-new-buyers' });
    expect(valueReading(cac, 'money', context)).toEqual({
      text: '—',
      reason: 'no acquisition spend in the range',
      shortHistory: false,
    });
    expect(previousReading(cac, 'money', context).reason).toBe('no new buyers in the range');
    const revenue = kpi({ value: 0, reason: 'no-orders' });
    expect(valueReading(revenue, 'money', context).text).toBe('No orders in this period');
  });

  it('shows a value on too little history as such, and no change against it', () => {
    const clv = kpi({
      value: 453.87,
      previous: 652.32,
      change: -0.304,
      insufficientHistory: { value: false, previous: true },
    });
    expect(previousReading(clv, 'money', context)).toMatchObject({
      text: '€652.32',
      shortHistory: true,
    });
    expect(changeText(clv, 'money', context)).toBe('—');
    expect(changeDirection(clv, 'money')).toBeNull();
  });
});
