import { describe, expect, it } from 'vitest';
import { decileStarts, rfmStarts, segmentStarts } from './audience-starts';

describe('the starts of "create audience from this"', () => {
  it('name each decile with its rank and rule', () => {
    const starts = decileStarts('revenue', [1, 2]);
    expect(starts.map((s) => s.label)).toEqual(['Decile 1 by revenue', 'Decile 2 by revenue']);
    expect(starts[1]?.rule.conditions).toEqual([
      { type: 'value', field: 'revenue_decile', test: { op: 'between', min: 2, max: 2 } },
    ]);
  });

  it('leave out the groups no single rule names', () => {
    const starts = segmentStarts('attribute:country', ['DE', 'other', 'FR'], (g) => `Country ${g}`);
    expect(starts.map((s) => s.label)).toEqual(['Country DE', 'Country FR']);
  });

  it('read RFM group names with spaces', () => {
    expect(rfmStarts(['at_risk']).map((s) => [s.label, s.rule.conditions])).toEqual([
      [
        'RFM: at risk',
        [{ type: 'value', field: 'rfm_group', test: { op: 'equals', value: 'at_risk' } }],
      ],
    ]);
  });
});
