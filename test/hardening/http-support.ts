import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { expect } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { handMadeShop } from '../helpers/hand-made-shop.js';
import { listeningUrl } from '../helpers/listening-url.js';
import { CLI } from '../helpers/run-cli.js';
import type { TempProject } from '../helpers/temp-project.js';
import { refreshAll } from '../../src/pipeline/refresh-all.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * One HTTP request with exactly the headers given (fetch will not send a Host of our choosing),
 * to a server on loopback. The path goes as it is, percent-escapes and all.
 */
export function rawRequest(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: init.method ?? 'GET',
        path,
        headers: {
          host: url.host,
          ...(init.body === undefined ? {} : { 'content-length': Buffer.byteLength(init.body) }),
          ...init.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** The one error shape: `{ error: { code, message, details? } }` and nothing else. */
export function expectErrorShape(text: string): { code: string; message: string } {
  const body = JSON.parse(text) as { error?: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(['error']);
  const error = body.error ?? {};
  expect(typeof error['code']).toBe('string');
  expect(typeof error['message']).toBe('string');
  expect(Object.keys(error).every((key) => ['code', 'message', 'details'].includes(key))).toBe(
    true,
  );
  return { code: String(error['code']), message: String(error['message']) };
}

/** A multipart body with one field `file`, as a browser's form would send it. */
export function multipartFile(name: string, content: string): { body: string; type: string } {
  const boundary = '----clvtestboundary7MA4YWxk';
  const body =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
    `Content-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

/**
 * The hand-made shop (latest event 2024-03-03, so report dates run to 2025-03-03) with its
 * customers, costs and customers whose attribute names read as JSON paths, refreshed.
 */
export async function refreshedShop(config: object = {}): Promise<TempProject> {
  const shop = await handMadeShop({ costs: true, customers: true, config });
  const odd = await shop.file(
    'odd.csv',
    'customer_id,$.acquisition_channel,$[0,\\x\nc1,dotted,bracket,slash\n',
  );
  await importFile(shop.warehouse, shop.project, { file: odd, kind: 'customers' });
  await refreshAll(shop.warehouse, shop.project.config);
  return shop;
}

export interface ServeChild {
  child: ChildProcess;
  url: string;
  /** Everything the server wrote to stdout so far: its request log. */
  log(): string;
  /** Stops it (SIGTERM, or SIGKILL when asked) and waits for it to be gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** The built `clv serve` in a child process on a free loopback port, once it listens. */
export async function spawnServe(dir: string, args: readonly string[] = []): Promise<ServeChild> {
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--project', dir, '--port', '0', '--json', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  try {
    const url = await listeningUrl(child.stdout);
    return {
      child,
      url,
      log: () => stdout,
      async stop(signal = 'SIGTERM') {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        await exited;
      },
    };
  } catch (error) {
    throw new Error(`clv serve did not start: ${stderr}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
