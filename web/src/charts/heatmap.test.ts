import { describe, expect, it } from 'vitest';
import { needsHeatmap } from './heatmap';

describe('on-demand chart modules', () => {
  it('loads the heatmap modules only for options that draw one', () => {
    expect(needsHeatmap({ series: [{ type: 'bar', data: [1] }] })).toBe(false);
    expect(needsHeatmap({ series: { type: 'line', data: [1] } })).toBe(false);
    expect(
      needsHeatmap({ series: [{ type: 'bar' }, { type: 'heatmap', data: [[0, 0, 1]] }] }),
    ).toBe(true);
    expect(needsHeatmap({ visualMap: { min: 0, max: 1 }, series: [] })).toBe(true);
  });
});
