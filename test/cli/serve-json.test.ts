import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initProject } from '../../src/config/init-project.js';
import { CLI } from '../helpers/run-cli.js';

const dirs: string[] = [];

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('clv serve --json', () => {
  it('prints one start line a program can read, whose address answers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clv-serve-json-'));
    dirs.push(dir);
    await initProject(dir);
    const child = spawn(
      process.execPath,
      [CLI, 'serve', '--project', dir, '--port', '0', '--json'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          // The request log shares stdout (its lines are JSON too, without `event`).
          const start = stdout.split('\n').find((line) => line.includes('"event":"listening"'));
          if (start !== undefined) resolve(start);
        });
        child.once('exit', (code) => reject(new Error(`clv serve exited ${code}`)));
      });
      const started = JSON.parse(line) as Record<string, unknown>;
      expect(started).toMatchObject({ event: 'listening', open: true });
      const url = String(started.url);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(started.api).toBe(`${url}/api/v1`);
      const status = await fetch(`${url}/api/v1/status`);
      expect(status.status).toBe(200);
      await status.arrayBuffer();
    } finally {
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    }
  });
});
