import { describe, expect, it } from 'vitest';
import { newWidgetId, placeWidget } from './place-widget';

describe('placing a new widget', () => {
  it('starts at the top left of an empty grid', () => {
    expect(placeWidget([], { w: 4, h: 3 })).toEqual({ x: 0, y: 0, w: 4, h: 3 });
  });

  it('fills the gap beside a widget before going below', () => {
    expect(placeWidget([{ x: 0, y: 0, w: 4, h: 3 }], { w: 4, h: 3 })).toEqual({
      x: 4,
      y: 0,
      w: 4,
      h: 3,
    });
  });

  it('goes below when the row is full, at the first row where it fits', () => {
    const taken = [
      { x: 0, y: 0, w: 6, h: 4 },
      { x: 6, y: 0, w: 6, h: 2 },
    ];
    expect(placeWidget(taken, { w: 6, h: 2 })).toEqual({ x: 6, y: 2, w: 6, h: 2 });
    expect(placeWidget(taken, { w: 12, h: 3 })).toEqual({ x: 0, y: 4, w: 12, h: 3 });
  });

  it('clamps a size to the grid', () => {
    expect(placeWidget([], { w: 20, h: 0 })).toEqual({ x: 0, y: 0, w: 12, h: 1 });
  });

  it('names new widgets without reusing an id', () => {
    expect(newWidgetId([])).toBe('w-1');
    expect(newWidgetId(['w-2', 'kpi'])).toBe('w-3');
    expect(newWidgetId(['w-2', 'w-3'])).toBe('w-4');
  });
});
