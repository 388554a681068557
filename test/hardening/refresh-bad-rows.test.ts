import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import type { RefreshSummary } from '../../src/model/refresh.js';
import { runClv } from '../helpers/run-cli.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { refreshAll } from '../../src/pipeline/refresh-all.js';

/** Events an older version stored: times and amounts no import accepts now. */
const BAD = [
  { ts: `'1969-12-31'`, amount: '5' },
  { ts: `'0001-01-01'`, amount: '5' },
  { ts: `'9999-12-31 23:59:59'`, amount: '5' },
  { ts: `'infinity'`, amount: '5' },
  { ts: `'-infinity'`, amount: '5' },
  { ts: `'2024-03-01'`, amount: '1e30' },
  { ts: `'2024-03-01'`, amount: `'infinity'::DOUBLE` },
  { ts: `'2024-03-01'`, amount: `'nan'::DOUBLE` },
  { ts: `'2024-03-01'`, amount: '-5' },
];

describe('a refresh over stored events outside the accepted ranges', () => {
  let t: TempProject;
  let summary: RefreshSummary;
  beforeAll(async () => {
    t = await tempProject({ refresh: { cron: null } });
    const file = await t.file(
      'events.csv',
      'event_id,customer_id,type,timestamp,amount\ng1,c1,purchase,2024-01-10,10\ng2,c2,purchase,2024-02-10,30\n',
    );
    await importFile(t.warehouse, t.project, { file, kind: 'events' });
    await t.warehouse.run(
      `INSERT INTO imports VALUES (2, 'events', 'old.csv', 'csv', now()::TIMESTAMP, 0, 9, 9, 0, 0, NULL)`,
    );
    for (const [i, row] of BAD.entries()) {
      await t.warehouse.run(
        `INSERT INTO events (event_id, customer_id, type, kind, ts, amount, import_id, source_line)
         VALUES ('b${i}', 'c${i % 2 ? 1 : 3}', 'purchase', 'purchase', ${row.ts}, ${row.amount}, 2, ${i + 2})`,
      );
    }
    summary = await refreshAll(t.warehouse, t.project.config);
  });
  afterAll(() => t.cleanup());

  it('completes, leaving them out of the derived tables with a warning', async () => {
    expect(summary.warnings).toContainEqual(
      expect.stringMatching(
        /^9 stored events are outside the accepted ranges and were left out of the reports \(5 with a time outside 1970-01-01 \(import.minTimestamp\) to \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(a year after the import; import.maxTimestamp\); 4 with an amount that is not a number from 0 to 10000000000000 \(import.maxAmount\)\); they stay in the events table$/,
      ),
    );
    expect(
      await t.query(`SELECT order_key, amount::DOUBLE AS amount FROM orders ORDER BY order_key`),
    ).toEqual([
      { order_key: 'event:g1', amount: 10 },
      { order_key: 'event:g2', amount: 30 },
    ]);
    const [stored] = await t.query<{ n: number }>('SELECT count(*) AS n FROM events');
    expect(stored?.n).toBe(11);
  });

  it('leaves every report answering from the events it kept', async () => {
    await t.warehouse.close();
    const metrics = await runClv(['metrics', '--project', t.dir, '--json']);
    expect(metrics.stderr).toBe('');
    expect(metrics.code).toBe(0);
    const report = JSON.parse(metrics.stdout) as {
      period: { from: string; to: string };
      kpis: Record<string, { value: number | null }>;
    };
    // The default period ends with the latest order kept (2024-02-10), not in the year 9999.
    expect(report.period).toEqual({ from: '2023-02-01', to: '2024-02-01' });
    expect(report.kpis['revenue']?.value).toBe(10);
    for (const name of ['cohorts', 'deciles', 'rfm']) {
      const sub = await runClv(['metrics', name, '--project', t.dir, '--json']);
      expect(sub.code, `${name}: ${sub.stderr}`).toBe(0);
    }
  });
});
