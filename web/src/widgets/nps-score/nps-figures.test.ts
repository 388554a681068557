import { describe, expect, it } from 'vitest';
import { NPS } from '../nps-groups/nps-fixture';
import { npsFigures } from './nps-figures';

describe('npsFigures', () => {
  it('gives the score, the respondents and the shares of promoters and detractors', () => {
    expect(npsFigures(NPS).map((f) => [f.key, f.value])).toEqual([
      ['nps', 30],
      ['respondents', 10],
      ['promoters', 0.5],
      ['detractors', 0.2],
    ]);
  });

  it('has no shares and no score without respondents', () => {
    const none = { ...NPS, nps: null, respondents: 0 };
    expect(npsFigures(none).map((f) => f.value)).toEqual([null, 0, null, null]);
  });
});
