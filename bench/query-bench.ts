/**
 * Query benchmark. On a copy of the cached demo shop (`make-demo-store.ts`, seed 1) with the
 * shipped saved queries (the CLV deciles dataset and the dashboards' queries), refreshed once:
 * the query snapshot with its dataset written on its own, then each query a dashboard template
 * charts, run as a widget asks for it — cold (a worker process on the snapshot, what the first
 * visitor after a refresh waits for) and from the per-refresh cache — against a baseline
 * measured in the same run: the same statement run directly on the store's own connection.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { openProject } from '../src/config/project.js';
import { refreshAll } from '../src/pipeline/refresh-all.js';
import { collectAnswer } from '../src/query/query-answer.js';
import { bindablePlaceholders } from '../src/query/query-placeholders.js';
import { writeQuerySnapshot } from '../src/query/query-snapshot.js';
import { QUERY_TEMPLATES, templateFields } from '../src/query/query-templates.js';
import { createSavedQuery, listSavedQueries } from '../src/query/saved-queries.js';
import { runSaved } from '../src/query/saved-query-runs.js';
import { ResponseCache } from '../src/server/response-cache.js';
import { LOCAL_OWNER } from '../src/segments/audiences.js';
import { openStore } from '../src/store/open-store.js';
import type { BenchContext } from './bench-context.js';
import { copyDemoStore, makeDemoStore } from './make-demo-store.js';
import { machineInfo, timed } from './measure.js';

/** The goal: a widget on a shipped saved query answers in under 1 s p95 at 1 M customers. */
const GOAL_SECONDS = 1;
/** The saved queries the shipped dashboards chart. */
const WIDGET_QUERIES = [
  'CLV deciles summary',
  'CLV decile share over time',
  'Retention by consent',
];

const p95 = (samples: readonly number[]): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
};

export async function run(context: BenchContext): Promise<void> {
  // The built worker, as a user's queries run it (from source, each would compile itself first).
  const built = join(context.rootDir, 'dist', 'bin', 'query-worker.js');
  if (existsSync(built)) process.env['CLV_QUERY_WORKER'] = built;
  else console.log('no dist/bin/query-worker.js (npm run build): timing the worker from source');
  const store = await makeDemoStore(context.cacheDir, context.customers);
  const dir = await copyDemoStore(store, 'query');
  try {
    const project = await openProject(dir);
    const warehouse = await openStore(project);
    try {
      // A cached store may predate the shipped queries: save those it lacks.
      const names = new Set((await listSavedQueries(warehouse)).map((query) => query.name));
      for (const template of QUERY_TEMPLATES.map(templateFields)) {
        if (!names.has(template.name)) await createSavedQuery(warehouse, template, LOCAL_OWNER);
      }
      const refreshed = await timed(() => refreshAll(warehouse, project.config));
      const snapshot = await timed(() =>
        writeQuerySnapshot(warehouse, project.queryDir, project.config.query),
      );
      const dataset = snapshot.value.tables.find((table) => table.group === 'datasets');
      console.log(
        `refresh ${refreshed.seconds.toFixed(1)} s; then the query snapshot with its dataset ` +
          `${snapshot.seconds.toFixed(2)} s (${snapshot.value.tables.length} tables; ` +
          `${dataset?.name ?? 'no dataset'} ${dataset?.rows ?? 0} rows)`,
      );
      const saved = await listSavedQueries(warehouse);
      const rounds = context.smoke ? 2 : 10;
      const cache = new ResponseCache({ maxBytes: 64 * 1024 * 1024 });
      const meta = async () => snapshot.value;
      const widgets = [];
      for (const name of WIDGET_QUERIES) {
        const query = saved.find((q) => q.name === name);
        if (!query) throw new Error(`the saved query ${name} is missing`);
        const cold: number[] = [];
        const cached: number[] = [];
        const baseline: number[] = [];
        let rows = 0;
        for (let round = 0; round < rounds; round++) {
          const answer = await timed(async () =>
            collectAnswer(await runSaved(meta, project.queryDir, project.config, query, {})),
          );
          cold.push(answer.seconds);
          rows = answer.value.rowCount;
          const key = `${query.id}:${query.version}`;
          const hit = await timed(() => cache.get(key, async () => answer.value));
          cached.push(hit.seconds);
          baseline.push(
            (
              await timed(() =>
                warehouse.query(bindablePlaceholders(query.sql), { ...query.defaults }),
              )
            ).seconds,
          );
        }
        const widget = {
          query: name,
          rows,
          coldP95Seconds: Number(p95(cold).toFixed(3)),
          cachedP95Seconds: Number(p95(cached).toFixed(6)),
          baselineP95Seconds: Number(p95(baseline).toFixed(3)),
          ratioToBaseline: Number((p95(cold) / Math.max(p95(baseline), 1e-9)).toFixed(2)),
          pass: p95(cold) < GOAL_SECONDS,
        };
        widgets.push(widget);
        console.log(
          `${name}: cold p95 ${widget.coldP95Seconds.toFixed(3)} s over ${rounds} runs ` +
            `(goal ${GOAL_SECONDS} s), cached p95 ${(widget.cachedP95Seconds * 1000).toFixed(3)} ms; ` +
            `baseline (the statement on the store's own connection) p95 ` +
            `${widget.baselineP95Seconds.toFixed(3)} s; ratio ${widget.ratioToBaseline}×; ${rows} rows`,
        );
      }
      const file = await context.writeResults('query', {
        benchmark: 'query',
        measuredAt: new Date().toISOString(),
        customers: store.customers,
        events: store.events,
        smoke: context.smoke,
        machine: machineInfo(),
        refreshSeconds: Number(refreshed.seconds.toFixed(3)),
        snapshotSeconds: Number(snapshot.seconds.toFixed(3)),
        snapshotTables: snapshot.value.tables.length,
        widgets,
        goalSeconds: GOAL_SECONDS,
        pass: widgets.every((widget) => widget.pass),
      });
      console.log(`results: ${file}`);
    } finally {
      await warehouse.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
