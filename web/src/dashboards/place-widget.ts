// Where a new widget goes on the 12-column grid: the first place, reading top to bottom and
// left to right, where it overlaps nothing; below everything when no gap fits it.
import { GRID, type WidgetLayout } from './dashboard-types';

const overlaps = (a: WidgetLayout, b: WidgetLayout) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** The place of a widget of `size` among the `taken` places. */
export function placeWidget(
  taken: readonly WidgetLayout[],
  size: { w: number; h: number },
): WidgetLayout {
  const w = Math.min(Math.max(1, Math.round(size.w)), GRID.cols);
  const h = Math.min(Math.max(1, Math.round(size.h)), GRID.maxH);
  const bottom = taken.reduce((most, t) => Math.max(most, t.y + t.h), 0);
  for (let y = 0; y <= bottom; y += 1) {
    for (let x = 0; x + w <= GRID.cols; x += 1) {
      const place = { x, y, w, h };
      if (!taken.some((t) => overlaps(t, place))) return place;
    }
  }
  return { x: 0, y: bottom, w, h };
}

/** A widget id not yet used: `w-1`, `w-2`, … */
export function newWidgetId(used: readonly string[]): string {
  const taken = new Set(used);
  let n = used.length + 1;
  while (taken.has(`w-${n}`)) n += 1;
  return `w-${n}`;
}
