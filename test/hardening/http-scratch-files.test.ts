import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeScratch } from '../../src/store/scratch-files.js';
import { runClv } from '../helpers/run-cli.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { testServer } from '../helpers/test-server.js';
import { spawnServe } from './http-support.js';

const listing = async (dir: string): Promise<string[]> =>
  existsSync(dir) ? (await readdir(dir)).sort() : [];

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? 999_999;
}

/** Waits (at most 20 s) until `dir` holds a file of at least `bytes`; returns its path. */
async function fileGrowing(dir: string, bytes: number): Promise<string> {
  for (let i = 0; i < 400; i++) {
    for (const name of await listing(dir)) {
      const path = join(dir, name);
      if ((await stat(path)).size >= bytes) return path;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no file of ${bytes} bytes appeared in ${dir}`);
}

/** Starts an upload of a large events file and leaves it unfinished. */
function unfinishedUpload(url: string, bytes: number): void {
  const boundary = 'clvkilltest';
  const target = new URL(`${url}/api/v1/imports?kind=events`);
  const req = httpRequest({
    host: target.hostname,
    port: target.port,
    path: `${target.pathname}${target.search}`,
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  req.on('error', () => undefined);
  req.write(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n` +
      'customer_id,type,timestamp\n',
  );
  const row = 'c1,visit,2024-01-01T00:00:00Z\n';
  req.write(row.repeat(Math.ceil(bytes / row.length)));
}

describe('scratch files', () => {
  let project: TempProject;
  beforeAll(async () => {
    project = await tempProject({ refresh: { cron: null, debounceSeconds: 3600 } });
  });
  afterAll(() => project.cleanup());

  it('are written in the project, readable by their owner alone', async () => {
    const path = await writeScratch(project.project.scratchDir, '-x.csv', 'raw events');
    expect(path.startsWith(join(project.dir, '.clv', 'scratch'))).toBe(true);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(project.project.scratchDir)).mode & 0o777).toBe(0o700);
    await rm(path);
  });

  it('of ingested batches leave nothing behind, in the project or in the temp folder', async () => {
    const tmpBefore = (await listing(tmpdir())).filter((name) => name.startsWith('clv-batch_'));
    const api = await testServer(project, { keys: false });
    try {
      const events = Array.from({ length: 50 }, (_, i) => ({
        customer_id: `c${i}`,
        type: 'purchase',
        timestamp: '2024-01-01T00:00:00Z',
        amount: i,
      }));
      const response = await api.request('/api/v1/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([...events, 'not an event']),
      });
      expect(response.status).toBe(200);
      expect(await listing(project.project.scratchDir)).toEqual([]);
      const tmpAfter = (await listing(tmpdir())).filter((name) => name.startsWith('clv-batch_'));
      expect(tmpAfter).toEqual(tmpBefore);
    } finally {
      await api.close();
    }
  });

  it('that a killed server left go at the next start, with what older versions left', async () => {
    const scratch = project.project.scratchDir;
    for (const restart of ['clv serve', 'clv key list'] as const) {
      const server = await spawnServe(project.dir);
      unfinishedUpload(server.url, 2_000_000);
      const upload = await fileGrowing(scratch, 1_000_000);
      expect((await stat(upload)).mode & 0o777).toBe(0o600);
      await server.stop('SIGKILL');
      expect(await listing(scratch)).toEqual([upload.slice(scratch.length + 1)]);
      // What versions before the scratch folder left: an upload and a batch of a dead process.
      const legacyUpload = join(project.dir, 'uploads', `${randomUUID()}-big.csv`);
      await mkdir(join(project.dir, 'uploads'), { recursive: true });
      await writeFile(legacyUpload, 'customer_id\n');
      const legacyBatch = join(tmpdir(), `clv-batch_${await deadPid()}_7-${randomUUID()}.csv`);
      await writeFile(legacyBatch, '{"raw":"event"}\n');

      if (restart === 'clv serve') {
        const again = await spawnServe(project.dir);
        await again.stop();
      } else {
        const listed = await runClv(['key', 'list', '--project', project.dir]);
        expect(listed.code).toBe(0);
      }
      expect([restart, await listing(scratch)]).toEqual([restart, []]);
      expect(existsSync(join(project.dir, 'uploads'))).toBe(false);
      expect(existsSync(legacyBatch)).toBe(false);
    }
  });
});
