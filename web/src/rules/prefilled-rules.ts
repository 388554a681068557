// The rules behind "create audience from this": one per decile, segment group, RFM group and
// the at-risk list, each a starting point the builder opens with.
import type { Rule } from './rule-types';

const rule = (conditions: Rule['conditions']): Rule => ({ version: 1, match: 'all', conditions });

/** Decile N (1 = highest) of buyers ranked by predicted CLV or by lifetime revenue. */
export function decileRule(by: 'predicted' | 'revenue', decile: number): Rule {
  // A decile is a number field, and `equals` tests text: N to N is the same group.
  const field = by === 'predicted' ? 'clv_decile' : 'revenue_decile';
  return rule([{ type: 'value', field, test: { op: 'between', min: decile, max: decile } }]);
}

/**
 * A group of a segmentation as the segments page names it: `email` / `sms` with `subscribed`
 * or `not subscribed`, or `attribute:NAME` with a value. An attribute's "other" bucket (every
 * value outside its top ten) has no rule of one condition: null.
 */
export function segmentGroupRule(segmentation: string, group: string): Rule | null {
  if (segmentation === 'email' || segmentation === 'sms') {
    if (group !== 'subscribed' && group !== 'not subscribed') return null;
    return rule([{ type: 'consent', channel: segmentation, subscribed: group === 'subscribed' }]);
  }
  const attribute = /^attribute:(.+)$/.exec(segmentation)?.[1];
  if (!attribute || group === 'other') return null;
  return rule([{ type: 'attribute', attribute, test: { op: 'equals', value: group } }]);
}

/** The customers of one named RFM group. */
export function rfmGroupRule(group: string): Rule {
  return rule([{ type: 'value', field: 'rfm_group', test: { op: 'equals', value: group } }]);
}

/**
 * The at-risk list: churn risk at least the list's threshold, and high value. The list's bar is
 * the historic CLV of the top 20 % of buyers, reached by historic or predicted CLV; the rule
 * reads it as the top two deciles by revenue or by predicted CLV (the same people but for
 * ties at the bar and predicted values ranked among themselves).
 */
export function atRiskRule(minChurnRisk: number): Rule {
  const top = { op: 'between', min: 1, max: 2 } as const;
  return rule([
    { type: 'value', field: 'churn_risk', test: { op: 'gte', value: minChurnRisk } },
    {
      type: 'group',
      match: 'any',
      conditions: [
        { type: 'value', field: 'revenue_decile', test: top },
        { type: 'value', field: 'clv_decile', test: top },
      ],
    },
  ]);
}
