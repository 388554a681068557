import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KPI_KEYS } from '../../src/metrics/kpis.js';
import { runClv, type CliResult } from '../helpers/run-cli.js';

describe('clv refresh and clv metrics from the command line', () => {
  let dir: string;
  // One refresh for the file (a refresh of the demo through the CLI is 10-13 s beside the other
  // tests); a test run alone still refreshes first.
  let refreshed: Promise<CliResult> | null = null;
  const refreshOnce = () => (refreshed ??= runClv(['refresh', '--project', dir, '--json']));
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clv-metrics-cli-'));
    const demo = await runClv([
      'demo',
      '--customers',
      '300',
      '--seed',
      '2',
      '--project',
      dir,
      '--json',
    ]);
    expect(demo.code).toBe(0);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('asks for a refresh first, then prints the KPIs as JSON with exactly the documented keys', async () => {
    const early = await runClv(['metrics', '--project', dir]);
    expect(early.code).toBe(2);
    expect(early.stderr).toBe('clv: no derived tables yet: run clv refresh first\n');

    const first = await refreshOnce();
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout) as {
      refreshId: number;
      tables: { name: string }[];
    };
    expect(summary.refreshId).toBe(1);
    expect(summary.tables.map((t) => t.name)).toContain('monthly_metrics');

    const result = await runClv(['metrics', '--project', dir, '--json', '--segment', 'sms']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      period: { from: string; to: string };
      kpis: Record<
        string,
        { value: number | null; previous: number | null; change: number | null }
      >;
      segments: { segment: string; customers: number }[];
    };
    // The demo's latest order is in October 2026: the default period is the 12 months before.
    expect(report.period).toEqual({ from: '2025-10-01', to: '2026-10-01' });
    expect(Object.keys(report.kpis)).toEqual([...KPI_KEYS]);
    expect(Object.keys(report.kpis['revenue'] ?? {})).toEqual([
      'value',
      'previous',
      'change',
      'reason',
      'previousReason',
      'insufficientHistory',
    ]);
    // Rates also give their change in percentage points.
    expect(Object.keys(report.kpis['cancelRate'] ?? {})).toContain('changePoints');
    expect(report.segments.map((s) => s.segment)).toEqual(['subscribed', 'not subscribed']);
    expect(report.segments.reduce((sum, s) => sum + s.customers, 0)).toBe(300);
    // The refresh fitted the models: CLV:CAC rests on predicted CLV, which exists for now only,
    // so the previous period has no CLV:CAC to compare with.
    const predicted = report.kpis['clvPredicted']?.value ?? null;
    const cac = report.kpis['cac']?.value ?? null;
    expect(predicted).toBeGreaterThan(0);
    expect(cac).toBeGreaterThan(0);
    expect(report.kpis['clvToCac']?.value).toBeCloseTo((predicted ?? NaN) / (cac ?? NaN), 9);
    expect(report.kpis['clvToCac']?.previous).toBeNull();
    expect(report.kpis['clvToCac']?.change).toBeNull();
  });

  it('prints a table with the labels and glossary formulas for people, and exits 2 on a bad option', async () => {
    expect((await refreshOnce()).code).toBe(0);
    const table = await runClv([
      'metrics',
      '--project',
      dir,
      '--from',
      '2025-01-01',
      '--to',
      '2025-07-01',
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /^2025-01-01 \.\. 2025-07-01 against 2024-07-01 \.\. 2025-01-01 \(EUR\)\n/,
    );
    expect(table.stdout).toMatch(/^Monthly churn +(\d+\.\d %|-) /m);
    // Rates change in points: the cancel rate's line ends with its own difference in pp.
    const cancel = /^Cancel rate +(\d+\.\d) % +(\d+\.\d) % +([+-]\d+\.\d) pp$/m.exec(table.stdout);
    expect(cancel).not.toBeNull();
    const [value, previous, points] = (cancel ?? []).slice(1).map(Number);
    expect(Math.abs((value ?? NaN) - (previous ?? NaN) - (points ?? NaN))).toBeLessThanOrEqual(
      0.11,
    );
    expect(table.stdout).not.toMatch(/^Cancel rate .* %$/m);
    expect(table.stdout).toContain(
      'CLV (rolling): (mean monthly ARPU) / (mean monthly churn) over the 12 calendar months',
    );
    const bad = await runClv(['metrics', '--project', dir, '--series', 'week']);
    expect(bad.code).toBe(2);
  });

  it('segments by any attribute of the store, and exits 2 naming the known ones for another', async () => {
    expect((await refreshOnce()).code).toBe(0);
    // signup_date is no configured drill-down, but the demo's customers have it.
    const bySignup = await runClv([
      'metrics',
      '--project',
      dir,
      '--json',
      '--segment',
      'attribute:signup_date',
    ]);
    expect(bySignup.code).toBe(0);
    const groups = (JSON.parse(bySignup.stdout) as { segments: { segment: string }[] }).segments;
    expect(groups).toHaveLength(11);
    expect(groups.at(-1)?.segment).toBe('other');
    const unknown = await runClv(['metrics', '--project', dir, '--segment', 'attribute:nope']);
    expect([unknown.code, unknown.stdout]).toEqual([2, '']);
    expect(unknown.stderr).toBe(
      'clv: segment: unknown attribute "nope": the known ones are "country", "acquisition_channel", "signup_date"\n',
    );
  });
});
