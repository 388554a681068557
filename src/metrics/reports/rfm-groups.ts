/** A rectangle of the R × F grid, both ranges inclusive. */
interface Cells {
  r: readonly [number, number];
  f: readonly [number, number];
}

export interface RfmGroup {
  group: string;
  /** The cells in words, e.g. "R 3 and F 3-5, or R 4-5 and F 3". */
  rule: string;
  cells: readonly Cells[];
}

const range = ([low, high]: readonly [number, number]): string =>
  low === high ? `${low}` : `${low}-${high}`;

function group(name: string, ...rects: Cells[]): RfmGroup {
  const rule = rects.map((c) => `R ${range(c.r)} and F ${range(c.f)}`).join(', or ');
  return { group: name, rule, cells: rects };
}

const cells = (r: [number, number], f: [number, number]): Cells => ({ r, f });

/**
 * The named RFM groups, from the recency (R) and frequency (F) scores, 5 best. The groups
 * split the 5 × 5 grid into disjoint rectangles that cover it (a test checks that every cell
 * has exactly one group), so no rule depends on the order it is tried in:
 *
 * | group               | R   | F   | who they are                          |
 * | champions           | 4-5 | 4-5 | bought recently and often             |
 * | loyal               | 3   | 3-5 | buy regularly, not quite champions    |
 * |                     | 4-5 | 3   |                                       |
 * | potential_loyalists | 4   | 1-2 | recent, a few orders so far           |
 * |                     | 5   | 2   |                                       |
 * | new_customers       | 5   | 1   | the most recent, one order            |
 * | need_attention      | 3   | 1-2 | middling recency, few orders          |
 * | at_risk             | 1-2 | 3-4 | used to buy often, not lately         |
 * | cant_lose_them      | 1-2 | 5   | the most frequent buyers, not lately  |
 * | hibernating         | 1-2 | 1-2 | long gone, few orders                 |
 *
 * Monetary (M) does not pick the group: it is reported per group instead, as is usual.
 */
export const rfmGroups: readonly RfmGroup[] = [
  group('champions', cells([4, 5], [4, 5])),
  group('loyal', cells([3, 3], [3, 5]), cells([4, 5], [3, 3])),
  group('potential_loyalists', cells([4, 4], [1, 2]), cells([5, 5], [2, 2])),
  group('new_customers', cells([5, 5], [1, 1])),
  group('need_attention', cells([3, 3], [1, 2])),
  group('at_risk', cells([1, 2], [3, 4])),
  group('cant_lose_them', cells([1, 2], [5, 5])),
  group('hibernating', cells([1, 2], [1, 2])),
];

const inside = (value: number, [low, high]: readonly [number, number]): boolean =>
  low <= value && value <= high;

/** Whether a group's rule holds for an (R, F) pair of scores. */
export function inRfmGroup(group: RfmGroup, r: number, f: number): boolean {
  return group.cells.some((rect) => inside(r, rect.r) && inside(f, rect.f));
}
