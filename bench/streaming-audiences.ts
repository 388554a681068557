import { openProject } from '../src/config/project.js';
import type { Rule } from '../src/segments/rule-schema.js';
import { openStore } from '../src/store/open-store.js';

/** Twenty rules of the kinds that stream: consent, attributes, events with windows and counts. */
export function streamingRules(count = 20): Rule[] {
  const rules: Rule[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    const condition: Rule['conditions'][number] =
      kind === 0
        ? { type: 'consent', channel: i % 8 === 0 ? 'email' : 'sms', subscribed: true }
        : kind === 1
          ? {
              type: 'event',
              eventType: 'purchase',
              count: { atLeast: 1 + (i % 5) },
              window: { lastDays: 30 },
            }
          : kind === 2
            ? {
                type: 'group',
                match: 'any',
                conditions: [
                  { type: 'attribute', attribute: 'country', test: { op: 'equals', value: 'DE' } },
                  { type: 'event', eventType: 'purchase', count: { atMost: i } },
                ],
              }
            : { type: 'campaign', action: 'opened', channel: 'email', count: { atMost: 0 } };
    rules.push({ version: 1, match: 'all', conditions: [condition] });
  }
  return rules;
}

/**
 * Saves streaming audiences straight into a store no server holds (the benchmark's own
 * audiences, named `bench stream N`, replaced on every run).
 */
export async function saveStreamingAudiences(dir: string, rules: readonly Rule[]): Promise<void> {
  const store = await openStore(await openProject(dir));
  try {
    await store.run(`DELETE FROM audience_members WHERE starts_with(audience_id, 'aud_bench')`);
    await store.run(`DELETE FROM audiences WHERE starts_with(audience_id, 'aud_bench')`);
    for (const [i, rule] of rules.entries()) {
      await store.run(
        `INSERT INTO audiences (audience_id, name, description, owner, rule, version,
           include_unsubscribed, template, created_at, updated_at, updated_by, deleted_at)
         VALUES ($id, $name, 'benchmark', 'local', $rule::JSON, 1, false, NULL,
           current_timestamp, current_timestamp, 'local', NULL)`,
        {
          id: `aud_bench${String(i).padStart(5, '0')}`,
          name: `bench stream ${i}`,
          rule: JSON.stringify(rule),
        },
      );
    }
  } finally {
    await store.close();
  }
}

/** Removes them again, so the demo store of other benchmarks does not carry them. */
export async function removeStreamingAudiences(dir: string): Promise<void> {
  await saveStreamingAudiences(dir, []);
}
