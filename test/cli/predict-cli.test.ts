import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PredictReport } from '../../src/predictions/predict-report.js';
import { cdnowTransactions } from '../helpers/cdnow-shop.js';
import { HAND_MADE_EVENTS } from '../helpers/hand-made-shop.js';
import { runClv } from '../helpers/run-cli.js';

async function project(events: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'clv-predict-cli-'));
  await writeFile(
    join(dir, 'clv.config.json'),
    JSON.stringify({ baseCurrency: 'USD', model: { purchaseModel: 'bgnbd' } }),
  );
  await writeFile(join(dir, 'events.csv'), events);
  for (const args of [
    ['init', dir],
    ['import', join(dir, 'events.csv'), '--kind', 'events', '--project', dir],
  ]) {
    expect((await runClv(args)).code).toBe(0);
  }
  return dir;
}

describe('clv predict on CDNOW', () => {
  let dir: string;
  beforeAll(async () => {
    const rows = await cdnowTransactions();
    dir = await project(
      [
        'customer_id,type,timestamp,amount,currency',
        ...rows.map((row) => `${row.customer},purchase,${row.day},${row.dollars},USD`),
      ].join('\n'),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('asks for a refresh, then shows the stored fits with their predictions', async () => {
    const early = await runClv(['predict', '--project', dir]);
    expect(early.code).toBe(2);
    expect(early.stderr).toBe('clv: no derived tables yet: run clv refresh first\n');

    const refreshed = await runClv(['refresh', '--project', dir, '--json']);
    expect(refreshed.code).toBe(0);
    const tables = (JSON.parse(refreshed.stdout) as { tables: { name: string; rows: number }[] })
      .tables;
    expect(tables).toContainEqual({ name: 'customer_predictions', rows: 2357 });

    const result = await runClv(['predict', '--project', dir, '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as PredictReport;
    expect(report.model).toBe('bgnbd');
    expect(report.stored).toBe(true);
    expect(report.dataEnd).toBe('1998-06-30');
    expect(report.purchase?.parameterNames).toEqual(['r', 'alpha', 'a', 'b']);
    expect(report.purchase?.converged).toBe(true);
    expect(report.spend?.parameterNames).toEqual(['p', 'q', 'gamma']);
    expect(report.predictions?.customers).toBe(2357);
    expect(report.states).toEqual([
      { role: 'purchase', model: 'bgnbd', status: 'ok', reason: null },
      { role: 'spend', model: 'gammagamma', status: 'ok', reason: null },
    ]);

    // clv metrics reports the mean predicted CLV of the same table.
    const metrics = await runClv(['metrics', '--project', dir, '--json']);
    const kpis = (
      JSON.parse(metrics.stdout) as {
        kpis: Record<string, { value: number | null; previous: number | null }>;
      }
    ).kpis;
    expect(kpis['clvPredicted']?.value).toBeCloseTo(report.predictions?.meanPredictedClv ?? NaN, 6);
    expect(kpis['clvPredicted']?.previous).toBeNull();
  });

  it('fits another purchase model on demand and checks a holdout period', async () => {
    const result = await runClv([
      'predict',
      '--project',
      dir,
      '--model',
      'paretonbd',
      '--holdout-from',
      '1997-10-01',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as PredictReport;
    expect(report.stored).toBe(false);
    expect(report.predictions).toBeNull();
    expect(report.purchase?.parameterNames).toEqual(['r', 'alpha', 's', 'beta']);
    expect(report.holdout?.model).toBe('paretonbd');
    expect(report.holdout?.total.actual).toBe(1882);
    expect(report.holdout?.fit.observations).toBe(2357);

    const text = await runClv(['predict', '--project', dir, '--holdout-from', '1997-10-01']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('BG/NBD: 2,357 customers');
    expect(text.stdout).toContain(
      'holdout: fitted on orders up to 1997-09-30, predicting 1997-10-01 .. 1998-06-30 (39.00 weeks)',
    );
    expect(text.stdout).toMatch(/^all\s+2,357\s+[\d,]+\.\d\s+1,882\.0$/m);
  });

  it('refuses a bad model name or holdout date with exit code 2', async () => {
    const cases: [string[], string][] = [
      [['--model', 'bgnb'], 'clv: --model must be bgnbd, mbgnbd, paretonbd or sbg, not "bgnb"\n'],
      [
        ['--holdout-from', '1997-02-30'],
        'clv: --holdout-from must be a date YYYY-MM-DD, not "1997-02-30"\n',
      ],
      [
        ['--holdout-from', '1996-12-31'],
        'clv: --holdout-from must lie after the first order day (1997-01-01) and no later than the last (1998-06-30)\n',
      ],
    ];
    for (const [args, message] of cases) {
      const result = await runClv(['predict', '--project', dir, ...args]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(message);
    }
  });
});

describe('clv refresh on a shop too small to predict', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await project(HAND_MADE_EVENTS);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refreshes anyway, says why there are no predictions, and predict shows the reason', async () => {
    const refreshed = await runClv(['refresh', '--project', dir]);
    expect(refreshed.code).toBe(0);
    // One buyer (the shop is in USD, so its EUR and GBP orders are rejected): a row, null
    // with the reason.
    expect(refreshed.stdout).toMatch(/^customer_predictions\s+1$/m);
    expect(refreshed.stdout).toContain(
      'purchase model bgnbd: failed (BG/NBD could not be fitted (one customer cannot identify the model): no P(alive), purchases or CLV)',
    );
    const result = await runClv(['predict', '--project', dir, '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as PredictReport;
    expect(report.purchase).toBeNull();
    expect(report.states.map((state) => [state.role, state.status])).toEqual([
      ['purchase', 'failed'],
      ['spend', 'failed'],
    ]);
    expect(report.predictions?.customers).toBe(1);
    expect(report.predictions?.meanPredictedClv).toBeNull();
  });
});
