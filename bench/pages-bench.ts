/**
 * Pages benchmark: every page of the dashboard on the demo shop (1 M customers unless
 * `--customers` says otherwise; a copy of the store `make-demo-store.ts` caches, refreshed once
 * with `clv refresh`), served by `clv serve` in a child process on loopback and loaded in
 * headless Chromium. Each round starts the server afresh, so that its answer cache is empty:
 * what the first visitor of a page meets after a refresh when nobody had that page open.
 * (a) /overview in a fresh browser until the revenue KPI shows (goal under 1.5 s);
 * (b) every page in turn, until the API answers it asked for are all in: its slowest answer
 *     is the page's first answer (goal: p95 over pages and rounds under 500 ms);
 * (c) every page again, its answers now from the cache: the baseline, in the same run;
 * (d) after the last round, a refresh through the server; once it has computed again the
 *     answers read before it, every page again: what a team reading the dashboard meets;
 * (e) then the server stopped and started again: once it has computed again the answers read
 *     last before the stop, /overview in a fresh browser and every page: what a team meets
 *     after a restart (the rounds above start with `--no-warm-up`: nothing computed behind them);
 * (f) last, its list removed, the server started as one that never served: once it has
 *     computed the answers of the dashboard's first visit, /overview in a fresh browser and
 *     every page: what a newcomer meets.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import type { Request } from 'playwright-core';
import { CONFIG_FILE } from '../src/config/project.js';
import { recentAnswersFile } from '../src/server/recent-answers.js';
import { launchBrowser, type BrowserSession } from '../test/helpers/browser.js';
import type { BenchContext } from './bench-context.js';
import { copyDemoStore, makeDemoStore } from './make-demo-store.js';
import { machineInfo, timed } from './measure.js';
import { runCli, serve, serveCold, stop } from './serve-child.js';
import { overviewLoad } from './web-bench.js';

/** The dashboard's pages, as `web/src/app/pages.ts` lists them. */
const PAGES = [
  '/overview',
  '/dashboards',
  '/trends',
  '/segments',
  '/deciles',
  '/cohorts',
  '/predictions',
  '/channels',
  '/customers',
  '/audiences',
  '/campaigns',
  '/survey',
  '/query',
] as const;
const GOALS = { firstAnswerP95Ms: 500, overviewKpiMs: 1_500 };
const ROUNDS = 3;
/** A smoke run visits a few pages once each way: enough to show that every step still works. */
const SMOKE_PAGES = 2;
/** A page whose answers are not all in by then is reported as not answered. */
const PAGE_TIMEOUT_MS = 60_000;
/** How long the answers read before a refresh may take to be computed again. */
const RENEW_TIMEOUT_MS = 10 * 60_000;

interface Answer {
  path: string;
  ms: number;
  status: number;
}

interface PageVisit {
  page: string;
  /** Its slowest API answer; null when it asked for none or one never came. */
  slowestMs: number | null;
  answers: Answer[];
}

export async function run(context: BenchContext): Promise<void> {
  const cli = join(context.rootDir, 'dist', 'bin', 'clv.js');
  if (!existsSync(cli)) throw new Error('build first: npm run build');
  const store = await makeDemoStore(context.cacheDir, context.customers);
  const project = await copyDemoStore(store, 'pages');
  try {
    // The browser is one caller: the per-key limit would measure itself, not the pages. No
    // scheduled refresh may land mid-round. The demo's own settings (and comments) stay.
    const configFile = join(project, CONFIG_FILE);
    let config = await readFile(configFile, 'utf8');
    const settings: [string[], number | null][] = [
      [['server', 'rateLimitPerMinute'], 100_000_000],
      [['refresh', 'cron'], null],
    ];
    for (const [path, value] of settings) {
      config = applyEdits(config, modify(config, path, value, {}));
    }
    await writeFile(configFile, config);
    console.log('refreshing the copy of the demo shop …');
    const refresh = await timed(() => runCli(cli, ['refresh', '--project', project]));

    const rounds = context.smoke ? 1 : ROUNDS;
    const pages = context.smoke ? PAGES.slice(0, SMOKE_PAGES) : PAGES;
    const overviewMs: (number | null)[] = [];
    const cold: PageVisit[] = [];
    const warm: PageVisit[] = [];
    const renewed: PageVisit[] = [];
    let renewal: Renewal | null = null;
    for (let round = 0; round < rounds; round++) {
      const server = await serveCold(cli, project);
      try {
        const overview = await overviewLoad(`${server.url}/overview`);
        overviewMs.push(overview.kpiMs);
        // The overview's answers are cached now: it is visited cold only through (a).
        const browser = await launchBrowser();
        try {
          for (const page of pages.filter((path) => path !== '/overview')) {
            cold.push(await visit(browser, server.url, page));
          }
          for (const page of pages) warm.push(await visit(browser, server.url, page));
          // (d) Once, after the last round: a refresh through the server, which computes again
          // the answers read before it; once that is done, every page again.
          if (round === rounds - 1) {
            renewal = await refreshAndRenew(server.url);
            for (const page of pages) renewed.push(await visit(browser, server.url, page));
          }
        } finally {
          await browser.close();
        }
      } finally {
        await stop(server);
      }
    }
    const restart = await restartAndVisit(cli, project, pages);
    // (f) As a server that never served: no list of answers read before.
    await rm(recentAnswersFile(project), { force: true });
    const firstStart = await restartAndVisit(cli, project, pages);
    const summary = results(
      store,
      refresh.seconds,
      overviewMs,
      cold,
      warm,
      renewed,
      renewal,
      restart,
      firstStart,
    );
    report(context, summary);
    console.log(`results: ${await context.writeResults('pages', summary)}`);
  } finally {
    await rm(project, { recursive: true, force: true });
  }
}

interface Renewal {
  /** The refresh, as `POST /api/v1/refresh` took to answer. */
  refreshSeconds: number;
  /** From its answer until the server had computed again the answers read before it. */
  renewSeconds: number;
}

/** Refreshes through the server and waits (bounded) until its answers are renewed. */
async function refreshAndRenew(base: string): Promise<Renewal> {
  const started = performance.now();
  const reply = await fetch(`${base}/api/v1/refresh`, { method: 'POST' });
  if (reply.status !== 200) throw new Error(`POST /api/v1/refresh answered ${reply.status}`);
  await reply.arrayBuffer();
  const refreshed = performance.now();
  await renewed(base);
  return {
    refreshSeconds: (refreshed - started) / 1000,
    renewSeconds: (performance.now() - refreshed) / 1000,
  };
}

/** Waits (bounded) until the server says no answers are being computed again. */
async function renewed(base: string): Promise<void> {
  const deadline = performance.now() + RENEW_TIMEOUT_MS;
  for (;;) {
    const status = (await (await fetch(`${base}/api/v1/status`)).json()) as {
      answersRenewing: boolean;
    };
    if (!status.answersRenewing) return;
    if (performance.now() > deadline) throw new Error('the answers were not renewed in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Restart {
  /**
   * From the server answering until it had computed again the answers read before its stop
   * (or, for a server that never served, the answers of the dashboard's first visit).
   */
  warmUpSeconds: number;
  /** (e) /overview in a fresh browser until the revenue KPI shows, null when it did not. */
  overviewKpiMs: number | null;
  visits: PageVisit[];
}

/**
 * (e) The server started again over the project the last round's server kept its list in; (f)
 * the same without the list.
 */
async function restartAndVisit(
  cli: string,
  project: string,
  pages: readonly string[],
): Promise<Restart> {
  const server = await serve(cli, project);
  try {
    const started = performance.now();
    await renewed(server.url);
    const warmUpSeconds = (performance.now() - started) / 1000;
    const overview = await overviewLoad(`${server.url}/overview`);
    const browser = await launchBrowser();
    try {
      const visits: PageVisit[] = [];
      for (const page of pages) visits.push(await visit(browser, server.url, page));
      return { warmUpSeconds, overviewKpiMs: overview.kpiMs, visits };
    } finally {
      await browser.close();
    }
  } finally {
    await stop(server);
  }
}

/** Loads a page in a tab of its own and times every API answer it asks for until it is idle. */
async function visit(browser: BrowserSession, base: string, path: string): Promise<PageVisit> {
  const page = await browser.newPage();
  const started = new Map<Request, number>();
  const answers: Promise<Answer | null>[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/'))
      started.set(request, performance.now());
  });
  page.on('requestfinished', (request) => {
    const at = started.get(request);
    if (at === undefined) return;
    const ms = performance.now() - at;
    answers.push(
      request
        .response()
        .then((response) => {
          const url = new URL(request.url());
          return { path: `${url.pathname}${url.search}`, ms, status: response?.status() ?? 0 };
        })
        .catch(() => null),
    );
  });
  try {
    await page.goto(`${base}${path}`, { waitUntil: 'commit', timeout: PAGE_TIMEOUT_MS });
    await page.waitForLoadState('networkidle', { timeout: PAGE_TIMEOUT_MS });
    const done = (await Promise.all(answers)).filter((answer) => answer !== null);
    const unfinished = started.size > done.length;
    const slowest = done.reduce((most, answer) => Math.max(most, answer.ms), 0);
    return {
      page: path,
      slowestMs: unfinished || done.length === 0 ? null : slowest,
      answers: done,
    };
  } finally {
    await page.close();
  }
}

/** Milliseconds as the report prints them; '–' for none. */
function ms(value: number | null): string {
  return value === null ? '–' : `${value.toFixed(0)} ms`;
}

function percentile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? null;
}

/** The pages' slowest answers; a page that was not answered counts as the time limit. */
function slowestOf(visits: readonly PageVisit[]): number[] {
  return visits.map((visit) => visit.slowestMs ?? PAGE_TIMEOUT_MS);
}

function results(
  store: Awaited<ReturnType<typeof makeDemoStore>>,
  refreshSeconds: number,
  overviewMs: (number | null)[],
  cold: PageVisit[],
  warm: PageVisit[],
  renewed: PageVisit[],
  renewal: Renewal | null,
  restart: Restart,
  firstStart: Restart,
) {
  const coldP95 = percentile(slowestOf(cold), 0.95);
  const warmP95 = percentile(slowestOf(warm), 0.95);
  const renewedP95 = percentile(slowestOf(renewed), 0.95);
  const restartP95 = percentile(slowestOf(restart.visits), 0.95);
  const firstStartP95 = percentile(slowestOf(firstStart.visits), 0.95);
  const shown = overviewMs.filter((ms) => ms !== null);
  return {
    benchmark: 'pages',
    machine: machineInfo(),
    goals: GOALS,
    shop: { customers: store.customers, events: store.events },
    refreshSeconds,
    overviewKpiMs: overviewMs,
    firstAnswer: { p95Ms: coldP95, visits: cold },
    cachedAnswer: { p95Ms: warmP95, visits: warm },
    afterRefresh: { ...renewal, p95Ms: renewedP95, visits: renewed },
    afterRestart: { ...restart, p95Ms: restartP95 },
    afterFirstStart: { ...firstStart, p95Ms: firstStartP95 },
    firstOverCachedP95: coldP95 !== null && warmP95 ? coldP95 / warmP95 : null,
    goalsMet: {
      firstAnswer: coldP95 !== null && coldP95 < GOALS.firstAnswerP95Ms,
      afterRefresh: renewedP95 !== null && renewedP95 < GOALS.firstAnswerP95Ms,
      overviewKpi: shown.length === overviewMs.length && Math.max(...shown) < GOALS.overviewKpiMs,
      afterRestart: restartP95 !== null && restartP95 < GOALS.firstAnswerP95Ms,
      overviewKpiAfterRestart:
        restart.overviewKpiMs !== null && restart.overviewKpiMs < GOALS.overviewKpiMs,
      afterFirstStart: firstStartP95 !== null && firstStartP95 < GOALS.firstAnswerP95Ms,
      overviewKpiAfterFirstStart:
        firstStart.overviewKpiMs !== null && firstStart.overviewKpiMs < GOALS.overviewKpiMs,
    },
  };
}

function report(context: BenchContext, summary: ReturnType<typeof results>): void {
  const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  const cold = summary.firstAnswer.visits;
  const visited = [...new Set(cold.map((visit) => visit.page))];
  const rows = visited.map((page) => {
    const mine = cold.filter((visit) => visit.page === page);
    const slowest = mine
      .flatMap((visit) => visit.answers)
      .reduce<Answer | null>(
        (most, answer) => (most && most.ms >= answer.ms ? most : answer),
        null,
      );
    const rounds = mine.map((visit) => ms(visit.slowestMs)).join(', ');
    return `  ${page.padEnd(13)} ${rounds.padEnd(24)} slowest: ${slowest ? `${slowest.path} ${ms(slowest.ms)}` : '–'}`;
  });
  const { shop } = summary;
  console.log(
    [
      `refresh: ${summary.refreshSeconds.toFixed(1)} s (${shop.customers.toLocaleString('en')} customers, ${shop.events.toLocaleString('en')} events)`,
      `/overview in a cold browser, empty answer cache, until the revenue KPI shows: ${summary.overviewKpiMs.map(ms).join(', ')} (goal < ${GOALS.overviewKpiMs} ms: ${met(summary.goalsMet.overviewKpi)})`,
      'first answer of each page, empty answer cache (its slowest API answer, per round):',
      ...rows,
      `  p95 over ${cold.length} visits: ${ms(summary.firstAnswer.p95Ms)} (goal < ${GOALS.firstAnswerP95Ms} ms: ${met(summary.goalsMet.firstAnswer)}); the same pages from the cache: p95 ${ms(summary.cachedAnswer.p95Ms)}${summary.firstOverCachedP95 === null ? '' : `, first / cached ${summary.firstOverCachedP95.toFixed(1)}×`}`,
      afterRefreshLine(summary.afterRefresh, met(summary.goalsMet.afterRefresh)),
      afterRestartLine(summary, met),
      afterFirstStartLine(summary, met),
      ...(context.smoke ? ['(smoke run: the figures mean nothing)'] : []),
    ].join('\n'),
  );
}

function afterRefreshLine(after: ReturnType<typeof results>['afterRefresh'], met: string): string {
  const slowest = after.visits.reduce<PageVisit | null>(
    (most, visit) => (most && (most.slowestMs ?? 0) >= (visit.slowestMs ?? 0) ? most : visit),
    null,
  );
  return `after a refresh through the server (${after.refreshSeconds?.toFixed(1) ?? '–'} s) and the renewal of the answers read before it (${after.renewSeconds?.toFixed(1) ?? '–'} s): p95 ${ms(after.p95Ms)} over ${after.visits.length} pages, slowest ${slowest ? `${slowest.page} ${ms(slowest.slowestMs)}` : '–'} (goal < ${GOALS.firstAnswerP95Ms} ms: ${met})`;
}

function afterRestartLine(
  summary: ReturnType<typeof results>,
  met: (ok: boolean) => string,
): string {
  const after = summary.afterRestart;
  return [
    `after the server stopped and started again, once it had computed again the answers read last (${after.warmUpSeconds.toFixed(1)} s):`,
    `  /overview in a cold browser until the revenue KPI shows: ${ms(after.overviewKpiMs)} (goal < ${GOALS.overviewKpiMs} ms: ${met(summary.goalsMet.overviewKpiAfterRestart)})`,
    `  every page's first answer: p95 ${ms(after.p95Ms)} over ${after.visits.length} pages (goal < ${GOALS.firstAnswerP95Ms} ms: ${met(summary.goalsMet.afterRestart)})`,
  ].join('\n');
}

function afterFirstStartLine(
  summary: ReturnType<typeof results>,
  met: (ok: boolean) => string,
): string {
  const after = summary.afterFirstStart;
  return [
    `a server that never served, once it had computed the answers of the dashboard's first visit (${after.warmUpSeconds.toFixed(1)} s):`,
    `  /overview in a cold browser until the revenue KPI shows: ${ms(after.overviewKpiMs)} (goal < ${GOALS.overviewKpiMs} ms: ${met(summary.goalsMet.overviewKpiAfterFirstStart)})`,
    `  every page's first answer: p95 ${ms(after.p95Ms)} over ${after.visits.length} pages (goal < ${GOALS.firstAnswerP95Ms} ms: ${met(summary.goalsMet.afterFirstStart)})`,
  ].join('\n');
}
