import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyInfo } from '../../src/keys/api-keys.js';
import { CLI, runClv, type CliResult } from '../helpers/run-cli.js';
import { listeningUrl } from '../helpers/listening-url.js';

interface Served {
  child: ChildProcess;
  url: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

async function serve(dir: string): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve', '--project', dir, '--port', '0', '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await listeningUrl(child.stdout);
  child.stderr.resume();
  return {
    child,
    url,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Two event files of new customers, one imported with the server stopped, one through it. */
function events(prefix: string): string {
  const rows = ['customer_id,type,timestamp,amount'];
  for (let i = 0; i < 3; i++) rows.push(`${prefix}${i},purchase,2026-09-0${i + 1},${10 + i}`);
  rows.push(`${prefix}x,purchase,never,5`);
  return `${rows.join('\n')}\n`;
}

// Each reads only; their answers must not change between the two runs.
const READS = [
  ['metrics', '--json'],
  ['metrics'],
  ['customers', 'top', '--limit', '5', '--json'],
  ['customers', 'show', 'nobody'],
  ['customers', 'top', '--limit', '0'],
  ['metrics', '--segment', 'attribute:nothing'],
  ['key', 'list', '--json'],
  ['destination', 'list'],
  ['destination', 'list', '--json'],
  ['audience', 'activations', '--json'],
  ['audience', 'deliveries', 'act_0000000000'],
  ['audience', 'sync'],
  ['audience', 'list', '--json'],
  ['audience', 'estimate', '--template', 'vip', '--json'],
  ['audience', 'show', 'aud_0000000000'],
  ['campaigns', '--json'],
  ['campaigns', 'list', '--from', '2026-01-01'],
  ['campaigns', 'show', 'nope'],
];

const same = (result: CliResult) => ({
  code: result.code,
  stdout: result.stdout,
  stderr: result.stderr,
});
/** An import's output without what differs between two files (names, timing). */
const importShape = (result: CliResult, file: string) => ({
  code: result.code,
  stdout: result.stdout
    .replace(file, 'FILE')
    .replace(/\([\d.]+ s\)/, '(T s)')
    .replace(/rejects\/\d+\.csv/, 'rejects/N.csv'),
  stderr: result.stderr,
});

describe('clv commands while clv serve holds the store', () => {
  let dir: string;
  const direct = new Map<string, CliResult>();
  let fileA = '';
  let fileB = '';
  let importA: CliResult;
  let refreshA: { events: number };
  const directRun = (command: string): CliResult => {
    const result = direct.get(command);
    if (!result) throw new Error(`${command} was not run with the server stopped`);
    return result;
  };
  const clv = (args: readonly string[], env?: Record<string, string>) =>
    runClv([...args, '--project', dir], env ? { env } : {});

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clv-forward-'));
    fileA = join(dir, 'a.csv');
    fileB = join(dir, 'b.csv');
    expect((await runClv(['demo', '--customers', '150', '--project', dir])).code).toBe(0);
    await writeFile(fileA, events('A'));
    await writeFile(fileB, events('B'));
    importA = await clv(['import', fileA, '--kind', 'events']);
    refreshA = JSON.parse((await clv(['refresh', '--json'])).stdout) as { events: number };
    for (const args of READS) direct.set(args.join(' '), await clv(args));
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('sends reads, imports, refresh and keys to the server, with the same output and exit codes', async () => {
    const server = await serve(dir);
    try {
      const line = JSON.parse(await readFile(join(dir, '.clv', 'server.json'), 'utf8')) as {
        url: string;
        pid: number;
      };
      expect(line).toMatchObject({ event: 'listening', url: server.url, pid: server.child.pid });

      for (const args of READS) {
        const forwarded = await clv(args);
        expect(same(forwarded), args.join(' ')).toEqual(same(directRun(args.join(' '))));
      }
      // Exit codes of the cases above, so that "the same" is not the same failure.
      expect(direct.get('customers show nobody')?.code).toBe(2);
      expect(direct.get('metrics --segment attribute:nothing')?.code).toBe(2);
      expect(direct.get('metrics --json')?.code).toBe(0);
      expect(direct.get('audience deliveries act_0000000000')?.code).toBe(2);
      expect(direct.get('destination list')?.stdout).toContain('Demo webhook (disabled)');
      expect(direct.get('audience show aud_0000000000')?.code).toBe(2);
      expect(JSON.parse(directRun('audience list --json').stdout)).toMatchObject({
        audiences: { length: 7 },
      });

      const importB = await clv(['import', fileB, '--kind', 'events']);
      expect(importShape(importB, fileB)).toEqual(importShape(importA, fileA));
      expect(importB.stdout).toMatch(
        /^events from .*b\.csv \([\d.]+ s\)\nread {8}4\ninserted {4}3\n/,
      );
      const refreshB = await clv(['refresh', '--json']);
      expect(refreshB.code).toBe(0);
      expect((JSON.parse(refreshB.stdout) as { events: number }).events).toBe(refreshA.events + 3);

      const key = await clv(['key', 'create', '--role', 'admin', '--name', 'ops']);
      expect(key.code).toBe(0);
      expect(key.stdout).toMatch(/^clv_[0-9a-f]{12}_\S+\n$/);
      // The server now asks for a key: without one the command says which variable to set.
      const refused = await clv(['key', 'list', '--json']);
      expect(refused.code).toBe(2);
      expect(refused.stdout).toContain('CLV_API_KEY');
      const listed = await clv(['key', 'list', '--json'], { CLV_API_KEY: key.stdout.trim() });
      expect(listed.code).toBe(0);
      expect((JSON.parse(listed.stdout) as ApiKeyInfo[]).map((k) => k.name)).toEqual(['ops']);
      // A change through the server is recorded under the key's name.
      const audience = await clv(
        ['audience', 'create', '--template', 'vip', '--name', 'VIP (ops)', '--json'],
        {
          CLV_API_KEY: key.stdout.trim(),
        },
      );
      expect(audience.code, audience.stdout + audience.stderr).toBe(0);
      expect(JSON.parse(audience.stdout)).toMatchObject({
        owner: 'ops',
        template: 'vip',
        version: 1,
      });

      // A command with no route says so, exit 1.
      const demo = await clv(['demo', '--customers', '10']);
      expect(demo.code).toBe(1);
      expect(demo.stderr).toMatch(
        /clv serve \(process \d+, http:\/\/127\.0\.0\.1:\d+\) holds the store and `clv demo` cannot be sent/,
      );
    } finally {
      await server.stop();
    }
    expect(existsSync(join(dir, '.clv', 'server.json'))).toBe(false);
  }, 120_000);

  it('ignores the address of a server that was killed and works on the store itself', async () => {
    const server = await serve(dir);
    await server.stop('SIGKILL');
    expect(existsSync(join(dir, '.clv', 'server.json'))).toBe(true);
    const listed = await clv(['key', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as ApiKeyInfo[]).map((k) => k.name)).toEqual(['ops']);
  }, 60_000);
});
