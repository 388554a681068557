import { Command } from 'commander';
import { describe, expect, vi } from 'vitest';
import { registerMetricsReports } from '../../../src/cli/commands/metrics-reports.js';
import { importFile } from '../../../src/ingest/import-file.js';
import { refresh } from '../../../src/model/refresh.js';
import { projectTest } from '../../helpers/project-test.js';
import { tempProject } from '../../helpers/temp-project.js';
import { EVENTS_HEADER, purchase } from './report-store.js';

// Until `clv metrics` exists, a stand-in parent that, like the real one may, declares --to.
async function run(dir: string, args: readonly string[]): Promise<string> {
  const program = new Command('clv').option('--project <dir>').option('--json').exitOverride();
  const metrics = program.command('metrics').option('--to <date>').exitOverride();
  registerMetricsReports(metrics);
  let stdout = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['--project', dir, ...args], { from: 'user' });
  } finally {
    write.mockRestore();
  }
  return stdout;
}

describe('clv metrics sub-reports', () => {
  // The commands open the store themselves, so each test closes the test's connection first.
  const test = projectTest(async () => {
    const t = await tempProject();
    const events = [EVENTS_HEADER, purchase('a', '2024-01-10T12:00:00Z', 30)];
    const file = await t.file('events.csv', events.join('\n'));
    await importFile(t.warehouse, t.project, { file, kind: 'events' });
    return t;
  });

  test('asks for a refresh when there are no derived tables', async ({ t }) => {
    await t.warehouse.close();
    await expect(run(t.dir, ['metrics', 'rfm'])).rejects.toThrow(
      'no derived tables yet: run clv refresh first',
    );
  });

  test('prints JSON with --json, a table otherwise, --to before or after the name', async ({
    t,
  }) => {
    await refresh(t.warehouse, t.project.config);
    await t.warehouse.close();
    const json = JSON.parse(
      await run(t.dir, ['--json', 'metrics', 'deciles', '--to', '2024-02-01']),
    );
    expect(json).toEqual({
      asOf: '2024-02-01',
      by: 'revenue',
      deciles: [{ decile: 1, customers: 1, revenue: 30, share: 1, mean: 30, min: 30, max: 30 }],
    });
    const cohorts = JSON.parse(
      await run(t.dir, ['metrics', '--to', '2024-03-01', 'cohorts', '--json']),
    );
    expect(cohorts.cohorts).toEqual([
      {
        cohort: '2024-01',
        customers: 1,
        retention: [1, 0],
        cumulativeRevenuePerCustomer: [30, 30],
      },
    ]);
    for (const name of ['cohorts', 'deciles', 'rfm', 'channels', 'nps']) {
      const text = await run(t.dir, ['metrics', name, '--to', '2024-02-01']);
      expect(text, name).toContain('2024-02-01');
      expect(() => JSON.parse(text)).toThrow();
    }
  });

  test('rejects a --by other than revenue or predicted', async ({ t }) => {
    await refresh(t.warehouse, t.project.config);
    await t.warehouse.close();
    await expect(run(t.dir, ['metrics', 'deciles', '--by', 'margin'])).rejects.toThrow(
      '--by must be revenue or predicted, not "margin"',
    );
  });
});
