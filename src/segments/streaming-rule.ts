import type { Rule, RuleNode } from './rule-schema.js';

/**
 * Whether a rule reads only what ingest changes (attributes, consent, raw and campaign
 * events), so that it can be re-evaluated as events arrive: `value` and `purchase` conditions
 * read tables a refresh builds. Audiences it uses count with their own rules; an unknown or
 * cyclic reference makes it not streaming (the compiler says why).
 */
export function isStreamingRule(rule: Rule, resolveAudience: (id: string) => Rule | null): boolean {
  const visiting = new Set<string>();
  const streams = (nodes: readonly RuleNode[]): boolean =>
    nodes.every((node) => {
      switch (node.type) {
        case 'group':
          return streams(node.conditions);
        case 'value':
        case 'purchase':
          return false;
        case 'audience': {
          const inner = resolveAudience(node.audienceId);
          if (!inner || visiting.has(node.audienceId)) return false;
          visiting.add(node.audienceId);
          const result = streams(inner.conditions);
          visiting.delete(node.audienceId);
          return result;
        }
        default:
          return true;
      }
    });
  return streams(rule.conditions);
}
