// The "create audience from this" links of each page, from the data the page shows.
import { decileRule, rfmGroupRule, segmentGroupRule } from './prefilled-rules';
import type { Rule } from './rule-types';

export interface AudienceStart {
  /** What the link names ("Decile 3 by revenue"), also the new audience's name. */
  label: string;
  rule: Rule;
}

/** One start per decile shown, ranked as the page ranks them. */
export function decileStarts(
  by: 'predicted' | 'revenue',
  deciles: readonly number[],
): AudienceStart[] {
  const noun = by === 'predicted' ? 'predicted CLV' : 'revenue';
  return deciles.map((decile) => ({
    label: `Decile ${decile} by ${noun}`,
    rule: decileRule(by, decile),
  }));
}

/** One start per group of a segmentation that one rule can name (not an attribute's "other"). */
export function segmentStarts(
  segmentation: string,
  groups: readonly string[],
  label: (group: string) => string,
): AudienceStart[] {
  return groups.flatMap((group) => {
    const rule = segmentGroupRule(segmentation, group);
    return rule ? [{ label: label(group), rule }] : [];
  });
}

/** One start per named RFM group. */
export function rfmStarts(groups: readonly string[]): AudienceStart[] {
  return groups.map((group) => ({
    label: `RFM: ${group.replace(/_/g, ' ')}`,
    rule: rfmGroupRule(group),
  }));
}
