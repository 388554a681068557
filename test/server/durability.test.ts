import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { CLI } from '../helpers/run-cli.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

const BATCH = 500;
const BATCHES = 40;
const CONCURRENCY = 4;
/** Kill the server once this many batches have been acknowledged. */
const KILL_AFTER = 12;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** `clv serve` as a child process, resolved once it listens. */
function serve(dir: string, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [CLI, 'serve', '--project', dir, '--port', String(port)],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`no start: ${stderr}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('listening on')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
}

const events = (batch: number) =>
  Array.from({ length: BATCH }, (_, i) => ({
    event_id: `b${batch}-e${i}`,
    customer_id: `c${i % 50}`,
    type: 'purchase',
    timestamp: '2025-06-01T12:00:00Z',
    amount: 5,
    currency: 'EUR',
  }));

describe('durability of acknowledged events', () => {
  let project: TempProject;
  beforeAll(async () => {
    project = await tempProject({ refresh: { cron: null, debounceSeconds: 3600 } });
    await project.warehouse.close();
  });
  afterAll(() => project.cleanup());

  it('keeps every acknowledged event exactly once after kill -9, and no batch in part', async () => {
    const port = await freePort();
    const server = await serve(project.dir, port);
    const acknowledged: number[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < BATCHES) {
        const batch = next;
        next += 1;
        try {
          const response = await fetch(`http://127.0.0.1:${port}/api/v1/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(events(batch)),
          });
          if (response.status !== 200) return;
          const reply = (await response.json()) as { accepted: number };
          expect(reply.accepted).toBe(BATCH);
          acknowledged.push(batch);
          if (acknowledged.length === KILL_AFTER) server.kill('SIGKILL');
        } catch {
          return; // the server is gone: this batch was never acknowledged
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await new Promise((resolve) =>
      server.exitCode !== null || server.signalCode !== null
        ? resolve(null)
        : server.once('exit', resolve),
    );
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);

    // The store after the crash (the engine replays its write-ahead log on open).
    const store = await openStore(project.project);
    try {
      const rows = await store.query<{ batch: number; events: number; ids: number }>(
        `SELECT CAST(split_part(substr(event_id, 2), '-', 1) AS INTEGER) AS batch,
                count(*) AS events, count(DISTINCT event_id) AS ids
         FROM events GROUP BY 1 ORDER BY 1`,
      );
      const byBatch = new Map(rows.map((row) => [row.batch, row]));
      for (const batch of acknowledged) {
        expect(byBatch.get(batch)).toEqual({ batch, events: BATCH, ids: BATCH });
      }
      // Batches in flight at the kill are all there or not at all, never in part.
      for (const row of rows) expect(row).toEqual({ batch: row.batch, events: BATCH, ids: BATCH });
    } finally {
      await store.close();
    }
  });
});
