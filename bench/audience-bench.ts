/**
 * Audience benchmark. On a copy of the cached demo shop (`make-demo-store.ts`, seed 1), refreshed
 * with 20 audiences saved (the five templates and 15 more rules of each kind): (a) the time the
 * refresh's audience step adds; (b) the estimate of each rule, repeated, as the builder asks it
 * while one edits, against a baseline measured in the same run: the same sums over every known
 * customer with no rule at all (one scan of `customer_features`). p95 of each, and their ratio.
 */
import { rm } from 'node:fs/promises';
import { openProject } from '../src/config/project.js';
import { createTemplateAudiences } from '../src/demo/run-demo.js';
import { refreshAll } from '../src/pipeline/refresh-all.js';
import { createAudience, LOCAL_OWNER } from '../src/segments/audiences.js';
import { audienceTemplates } from '../src/segments/audience-templates.js';
import { estimateAudience } from '../src/segments/estimate-audience.js';
import type { Rule } from '../src/segments/rule-schema.js';
import { openStore } from '../src/store/open-store.js';
import type { BenchContext } from './bench-context.js';
import { copyDemoStore, makeDemoStore } from './make-demo-store.js';
import { machineInfo, timed } from './measure.js';

/** The goal: an estimate's p95 on the 1 M-customer demo. */
const GOAL_P95_MS = 300;
/** The budget for evaluating 20 audiences at a refresh (DECISIONS.md). */
const GOAL_AUDIENCES_SECONDS = 5;

const all = (...conditions: Rule['conditions']): Rule => ({ version: 1, match: 'all', conditions });

/** Fifteen rules besides the templates: values, consent, attributes, events, purchases, nesting. */
export function moreRules(): Rule[] {
  const rules: Rule[] = [];
  for (const decile of [1, 3, 5, 7, 10]) {
    rules.push(all({ type: 'value', field: 'clv_decile', test: { op: 'lte', value: decile } }));
  }
  for (const days of [30, 90, 180]) {
    rules.push(
      all({ type: 'value', field: 'days_since_last_order', test: { op: 'lte', value: days } }),
    );
  }
  rules.push(
    all({ type: 'attribute', attribute: 'country', test: { op: 'in', values: ['DE', 'FR'] } }),
    all({ type: 'consent', channel: 'sms', subscribed: true }),
    all({ type: 'event', eventType: 'page_view', window: { lastDays: 30 } }),
    all({ type: 'purchase', outcome: 'returned', count: { atLeast: 1 } }),
    all({ type: 'value', field: 'rfm_group', test: { op: 'in', values: ['champions', 'loyal'] } }),
    all({
      type: 'group',
      match: 'any',
      conditions: [
        { type: 'value', field: 'orders', test: { op: 'gte', value: 5 } },
        { type: 'value', field: 'revenue', test: { op: 'gt', value: 1000 } },
      ],
    }),
    all({ type: 'value', field: 'p_alive', test: { op: 'between', min: 0.2, max: 0.6 } }),
  );
  return rules;
}

function p95(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
}

const ms = (seconds: number): number => Number((seconds * 1000).toFixed(1));

export async function run(context: BenchContext): Promise<void> {
  const store = await makeDemoStore(context.cacheDir, context.customers);
  const dir = await copyDemoStore(store, 'audience');
  try {
    const project = await openProject(dir);
    const warehouse = await openStore(project);
    try {
      await createTemplateAudiences(warehouse, project);
      const extra = moreRules();
      for (const [index, rule] of extra.entries()) {
        await createAudience(
          warehouse,
          project.config,
          { name: `bench ${index + 1}`, rule },
          LOCAL_OWNER,
        );
      }
      const refreshed = await timed(() => refreshAll(warehouse, project.config));
      const { audiences } = refreshed.value;
      console.log(
        `refresh: ${refreshed.seconds.toFixed(2)} s, of which ${audiences.evaluated} audiences ` +
          `${audiences.seconds.toFixed(2)} s (${audiences.failed} failed)`,
      );

      const rules = [...audienceTemplates(project.config).map((t) => t.rule), ...extra];
      const rounds = context.smoke ? 2 : 10;
      const estimates: number[] = [];
      const baseline: number[] = [];
      // Warm once: the first query of a connection pays for plans and caches.
      await estimateAudience(warehouse, project.config, { rule: all() });
      for (let round = 0; round < rounds; round++) {
        for (const rule of rules) {
          estimates.push(
            (await timed(() => estimateAudience(warehouse, project.config, { rule }))).seconds,
          );
          baseline.push(
            (
              await timed(() =>
                warehouse.query(
                  `SELECT count(*) AS n, sum(revenue) AS revenue, sum(historic_clv) AS historic,
                          sum(predicted_clv) AS predicted FROM customer_features`,
                ),
              )
            ).seconds,
          );
        }
      }
      const estimateP95 = p95(estimates);
      const baselineP95 = p95(baseline);
      console.log(
        `estimate: p95 ${ms(estimateP95)} ms over ${estimates.length} estimates of ${rules.length} rules ` +
          `(goal ${GOAL_P95_MS} ms); baseline (a bare aggregate over customer_features) p95 ` +
          `${ms(baselineP95)} ms; ratio ${(estimateP95 / Math.max(baselineP95, 1e-9)).toFixed(1)}×`,
      );
      const file = await context.writeResults('audience', {
        benchmark: 'audience',
        measuredAt: new Date().toISOString(),
        customers: store.customers,
        events: store.events,
        smoke: context.smoke,
        machine: machineInfo(),
        refresh: {
          seconds: Number(refreshed.seconds.toFixed(3)),
          audiences: audiences.evaluated,
          audiencesFailed: audiences.failed,
          audiencesSeconds: audiences.seconds,
          goalAudiencesSeconds: GOAL_AUDIENCES_SECONDS,
        },
        estimate: {
          rules: rules.length,
          samples: estimates.length,
          p95Ms: ms(estimateP95),
          medianMs: ms([...estimates].sort((a, b) => a - b)[Math.floor(estimates.length / 2)] ?? 0),
          baselineP95Ms: ms(baselineP95),
          ratioToBaseline: Number((estimateP95 / Math.max(baselineP95, 1e-9)).toFixed(2)),
          goalP95Ms: GOAL_P95_MS,
        },
        pass:
          estimateP95 * 1000 < GOAL_P95_MS &&
          audiences.seconds < GOAL_AUDIENCES_SECONDS &&
          audiences.failed === 0,
      });
      console.log(`results: ${file}`);
    } finally {
      await warehouse.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
