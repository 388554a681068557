import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runClv } from '../helpers/run-cli.js';

describe('the clv command line', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clv-cli-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('init writes a commented config and an empty store', async () => {
    const project = join(dir, 'shop');
    const result = await runClv(['init', project, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      project,
      config: join(project, 'clv.config.json'),
      store: join(project, 'clv.duckdb'),
      created: true,
    });
    expect(await readFile(join(project, 'clv.config.json'), 'utf8')).toContain(
      '// clv-dashboard project config',
    );
    const again = await runClv(['init', project, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: false });
  });

  it('imports a file and prints the summary as JSON, exit 0 even with rejected rows', async () => {
    await runClv(['init', dir]);
    const file = join(dir, 'e.csv');
    await writeFile(
      file,
      'customer_id,type,timestamp,amount\nc1,purchase,2024-01-01,5\nc2,purchase,nope,5\n',
    );
    const result = await runClv(['import', file, '--kind', 'events', '--project', dir, '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual([
      'file',
      'kind',
      'read',
      'inserted',
      'duplicates',
      'rejected',
      'rejectsFile',
      'seconds',
      'warnings',
    ]);
    expect(summary).toMatchObject({
      file,
      kind: 'events',
      read: 2,
      inserted: 1,
      duplicates: 0,
      rejected: 1,
      rejectsFile: join(dir, 'rejects', '1.csv'),
      warnings: [],
    });
    expect(typeof summary['seconds']).toBe('number');
  });

  it('prints a table for people, and no progress bar when the output is not a terminal', async () => {
    await runClv(['init', dir]);
    const file = join(dir, 'r.csv');
    await writeFile(file, 'currency,rate_to_base\nUSD,0.9\n');
    const result = await runClv(['--project', dir, 'import', file, '--kind', 'rates']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^rates from .*r\.csv \(\d+\.\d\d s\)\nread\s+1\ninserted\s+1\nduplicates\s+0\nrejected\s+0\n$/,
    );
    expect(result.stderr).toBe('');
  });

  it('exits 2 for bad usage and unreadable input, naming the problem', async () => {
    const noProject = await runClv([
      'import',
      join(dir, 'x.csv'),
      '--kind',
      'events',
      '--project',
      dir,
    ]);
    expect(noProject.code).toBe(2);
    expect(noProject.stderr).toContain(`no clv project in ${dir}`);

    await runClv(['init', dir]);
    const missing = await runClv([
      'import',
      join(dir, 'x.csv'),
      '--kind',
      'events',
      '--project',
      dir,
      '--json',
    ]);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toEqual({
      error: {
        code: 'usage',
        message: expect.stringContaining(`cannot read ${join(dir, 'x.csv')}`),
      },
    });

    const badKind = await runClv([
      'import',
      join(dir, 'x.csv'),
      '--kind',
      'orders',
      '--project',
      dir,
    ]);
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toContain('--kind must be one of events, customers, costs, rates');

    const unknownOption = await runClv(['import', '--frobnicate']);
    expect(unknownOption.code).toBe(2);

    const noKind = await runClv(['import', join(dir, 'x.csv'), '--project', dir]);
    expect(noKind.code).toBe(2);
    expect(noKind.stderr).toContain("required option '--kind <kind>' not specified");
  });

  it('exits 2 on a bad config, naming the file and the key', async () => {
    await writeFile(join(dir, 'clv.config.json'), '{ "purchase": { "sucessValues": ["ok"] } }');
    const file = join(dir, 'e.csv');
    await writeFile(file, 'customer_id,type,timestamp\nc1,x,2024-01-01\n');
    const result = await runClv(['import', file, '--kind', 'events', '--project', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `clv: ${join(dir, 'clv.config.json')}: purchase.sucessValues: unknown key\n`,
    );
  });

  it('leaves the store as it was when the import is killed halfway', async () => {
    await runClv(['init', dir]);
    const file = join(dir, 'big.csv');
    const rows = ['event_id,customer_id,type,timestamp,amount'];
    for (let i = 0; i < 1_000_000; i += 1)
      rows.push(`e${i},c${i % 50_000},purchase,2024-01-01T00:00:00Z,${i % 100}`);
    await writeFile(file, `${rows.join('\n')}\n`);
    const killed = await runClv(['import', file, '--kind', 'events', '--project', dir], {
      killAfterMs: 700,
    });
    // The import must still have been running when it was killed, or this test proves nothing.
    expect(killed.signal).toBe('SIGKILL');
    const small = join(dir, 'small.csv');
    await writeFile(small, 'event_id,customer_id,type,timestamp\nz1,c1,x,2024-01-01\n');
    const after = await runClv(['import', small, '--kind', 'events', '--project', dir, '--json']);
    expect(after.code).toBe(0);
    // The killed import left no events and no import record: this is import number 1.
    expect(JSON.parse(after.stdout)).toMatchObject({ read: 1, inserted: 1 });
    const full = await runClv(['import', file, '--kind', 'events', '--project', dir, '--json']);
    expect(JSON.parse(full.stdout)).toMatchObject({
      read: 1_000_000,
      inserted: 1_000_000,
      duplicates: 0,
    });
  });
});
