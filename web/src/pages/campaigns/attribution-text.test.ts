import { describe, expect, it } from 'vitest';
import { attributionText } from './attribution-text';

describe('the attribution windows in words', () => {
  it('names both windows, and the as-of instant when there is one', () => {
    expect(
      attributionText(
        { attribution: { clickDays: 7, openDays: 1 }, asOf: '2026-10-31T23:58:00Z' },
        'en-US',
      ),
    ).toBe(
      'An order counts for a campaign within 7 days of a click or 1 day of an open; the last touch wins. As of Oct 31, 2026, 11:58 PM UTC.',
    );
    expect(attributionText({ attribution: { clickDays: 3, openDays: 3 }, asOf: null })).toBe(
      'An order counts for a campaign within 3 days of a click or 3 days of an open; the last touch wins.',
    );
  });
});
