import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryAnswer } from '../../src/query/query-answer.js';
import type { SavedQuery } from '../../src/query/saved-queries.js';
import { runClv } from '../helpers/run-cli.js';
import type { TempProject } from '../helpers/temp-project.js';
import { queryShop } from '../query/query-shop.js';

// The query shop's successful revenue: alice 140.50, bob 60, carol 19.50.
const REVENUE = `SELECT customer_id, revenue FROM customer_summary
WHERE revenue >= {{minimum}} ORDER BY customer_id`;

describe('clv queries', () => {
  let shop: TempProject;
  beforeAll(async () => {
    shop = await queryShop();
    await shop.warehouse.close();
  });
  afterAll(() => shop.cleanup());

  const clv = (...args: string[]) => runClv(['queries', ...args, '--project', shop.dir]);

  it('saves a query with a default, runs it with and without a value, makes a dataset at refresh, deletes it', async () => {
    const saved = await clv(
      'save',
      '--name',
      'Big spenders',
      '--sql',
      REVENUE,
      '--default',
      'minimum=50',
      '--dataset',
      'big_spenders',
      '--json',
    );
    expect(saved.code, saved.stderr).toBe(0);
    const query = JSON.parse(saved.stdout) as SavedQuery;
    expect(query).toMatchObject({
      name: 'Big spenders',
      defaults: { minimum: 50 },
      parameters: [{ name: 'minimum', type: 'number' }],
      dataset: 'big_spenders',
      owner: 'local',
    });
    const byDefault = JSON.parse((await clv('run', query.id, '--json')).stdout) as QueryAnswer;
    expect(byDefault.rows).toEqual([
      ['alice', 140.5],
      ['bob', 60],
    ]);
    const csv = await clv('run', query.id, '--param', 'minimum=100', '--format', 'csv');
    expect(csv.stdout).toBe('customer_id,revenue\nalice,140.5\n');

    expect((await runClv(['refresh', '--project', shop.dir])).code).toBe(0);
    const dataset = await runClv([
      'query',
      'SELECT customer_id FROM dataset_big_spenders ORDER BY 1',
      '--format',
      'csv',
      '--project',
      shop.dir,
    ]);
    expect(dataset.stdout).toBe('customer_id\nalice\nbob\n');
    const shown = await clv('show', query.id);
    expect(shown.stdout).toMatch(/dataset: dataset_big_spenders, 2 rows at refresh \d+/);
    expect(shown.stdout).toContain('{{minimum}} number = 50');

    expect((await clv('list')).stdout).toMatch(/Big spenders\s+dataset_big_spenders\s+minimum/);
    expect((await clv('delete', query.id)).stdout).toBe(`deleted ${query.id}\n`);
    expect((await clv('show', query.id)).code).toBe(2);
  });

  it('refuses to save SQL the engine rejects, naming where', async () => {
    const bad = await clv('save', '--name', 'bad', '--sql', 'SELECT *\nFROM nope');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Table with name nope does not exist');
    expect((await clv('list', '--json')).stdout).not.toContain('"bad"');
  });
});
