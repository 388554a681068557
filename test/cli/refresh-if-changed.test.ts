import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClv } from '../helpers/run-cli.js';

describe('clv refresh --if-changed', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clv-refresh-if-'));
    expect((await runClv(['init', dir])).code).toBe(0);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const importRows = async (name: string, rows: string): Promise<void> => {
    const file = join(dir, name);
    await writeFile(file, `customer_id,type,timestamp,amount\n${rows}`);
    expect((await runClv(['import', file, '--kind', 'events', '--project', dir])).code).toBe(0);
  };
  const refresh = (...args: string[]) =>
    runClv(['refresh', '--if-changed', '--project', dir, ...args]);

  it('refreshes after an import, and skips, saying so, when nothing was imported since', async () => {
    await importRows('a.csv', 'c1,purchase,2026-01-05,10\nc1,purchase,2026-02-05,20\n');
    const first = await refresh('--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ refreshId: 1, events: 2 });

    const again = await refresh('--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({
      skipped: true,
      refreshId: 1,
      reason: 'nothing imported since refresh 1: its tables are current',
    });
    const text = await refresh();
    expect(text.stdout).toBe(
      'refresh skipped: nothing imported since refresh 1: its tables are current\n',
    );

    await importRows('b.csv', 'c2,purchase,2026-03-05,30\n');
    expect(JSON.parse((await refresh('--json')).stdout)).toMatchObject({ refreshId: 2, events: 3 });
  });
});
