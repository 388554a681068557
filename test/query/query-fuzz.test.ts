import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotFile } from '../../src/query/query-snapshot.js';
import { openSnapshotEngine, runStatement } from '../../src/query/snapshot-engine.js';
import type { WorkerMessage } from '../../src/query/worker-protocol.js';
import { Random } from '../../src/shared/random.js';
import type { TempProject } from '../helpers/temp-project.js';
import { fuzzedStatement, type HostilePaths } from './hostile-sql.js';
import { DESTINATION_SECRET, queryShop, storeChecksums } from './query-shop.js';

// 1,000 statements by default (a few seconds: they run in this process, on the worker's own
// code path, not a process each); CLV_FUZZ_CASES=20000 for a longer run.
const CASES = Number(process.env['CLV_FUZZ_CASES'] ?? 1_000);
const SEED = 16;
/** The fuzz's own time limit: each statement is interrupted then, and must be over 1 s later. */
const TIMEOUT_SECONDS = 2;

/** Rows and a checksum of every table in a snapshot file, read with an engine of its own. */
async function snapshotChecksums(file: string): Promise<Record<string, string>> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const tables = (
      await connection.runAndReadAll(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1",
      )
    ).getRowsJS();
    const sums: Record<string, string> = {};
    for (const [name] of tables) {
      const reader = await connection.runAndReadAll(
        `SELECT count(*)::VARCHAR || ':' || coalesce(sum(hash(t))::VARCHAR, '') FROM "${String(name)}" AS t`,
      );
      sums[String(name)] = String(reader.getRowsJS()[0]?.[0]);
    }
    return sums;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

describe(`a seeded fuzz of ${CASES} hostile and odd statements over a real snapshot`, () => {
  let t: TempProject;
  let scratch: string;
  let paths: HostilePaths;
  let marker: string;
  beforeAll(async () => {
    t = await queryShop();
    scratch = await mkdtemp(join(tmpdir(), 'clv-query-fuzz-'));
    marker = `SECRET-MARKER-${SEED}-4f1c`;
    paths = {
      secretFile: join(scratch, 'secret.csv'),
      storeFile: t.project.storeFile,
      targetDir: join(scratch, 'targets'),
    };
    await writeFile(paths.secretFile, `name,value\n${marker},${marker}\n`);
    await mkdir(paths.targetDir);
  });
  afterAll(async () => {
    await t.cleanup();
    await rm(scratch, { recursive: true, force: true });
  });

  it('answers each with columns and an end, or an error; reads no file, writes none, changes nothing', async () => {
    const file = snapshotFile(t.project.queryDir);
    const storeBefore = await storeChecksums(t.warehouse);
    const snapshotBefore = await snapshotChecksums(file);
    const bytesBefore = await sha256(file);
    const queryDirBefore = (await readdir(t.project.queryDir)).sort();
    const cwdBefore = (await readdir(process.cwd())).sort();
    expect(Object.keys(snapshotBefore)).toContain('orders');
    expect(snapshotBefore['orders']).toMatch(/^5:/);

    const random = new Random(SEED);
    const connection: DuckDBConnection = await openSnapshotEngine(file, 512);
    const tally = { answered: 0, refused: 0, permission: 0, failedMidway: 0 };
    let slowest = 0;
    try {
      for (let i = 0; i < CASES; i++) {
        const sql = fuzzedStatement(random, paths);
        const messages: WorkerMessage[] = [];
        // The parent's kill, in this process: interrupt what runs past the limit.
        const timer = setTimeout(() => connection.interrupt(), TIMEOUT_SECONDS * 1000);
        const started = performance.now();
        try {
          await runStatement(connection, { sql, params: {}, limit: 50 }, async (message) => {
            messages.push(message);
          });
        } finally {
          clearTimeout(timer);
        }
        const seconds = (performance.now() - started) / 1000;
        slowest = Math.max(slowest, seconds);
        const context = `case ${i}: ${JSON.stringify(sql)} → ${JSON.stringify(messages).slice(0, 400)}`;
        expect(seconds, context).toBeLessThan(TIMEOUT_SECONDS + 1);

        const first = messages[0];
        const last = messages.at(-1);
        if (first?.t === 'error') {
          expect(messages, context).toHaveLength(1);
          expect(first.message.length, context).toBeGreaterThan(0);
          tally.refused += 1;
          if (first.message.includes('Permission Error')) tally.permission += 1;
        } else {
          expect(first?.t, context).toBe('columns');
          expect(['end', 'error'], context).toContain(last?.t);
          expect(
            messages.slice(1, -1).every((m) => m.t === 'rows'),
            context,
          ).toBe(true);
          if (last?.t === 'end') tally.answered += 1;
          else tally.failedMidway += 1;
        }
        const everything = JSON.stringify(messages);
        expect(everything.includes(marker), context).toBe(false);
        expect(everything.includes(DESTINATION_SECRET), context).toBe(false);
        expect(everything, context).not.toMatch(/clv_(ingest|read|admin)_|root:x:0:0/);
      }
      // Nothing the fuzz sent made an object, even in the engine's own temporary schema.
      const made = await connection.runAndReadAll(
        `SELECT (SELECT count(*) FROM duckdb_tables() WHERE database_name = 'temp')
              + (SELECT count(*) FROM duckdb_views() WHERE database_name = 'temp' AND NOT internal)
              + (SELECT count(*) FROM duckdb_functions() WHERE database_name = 'temp' AND NOT internal)`,
      );
      expect(made.getRowsJS()).toEqual([[0n]]);
    } finally {
      connection.closeSync();
    }

    // Both kinds come up often enough for the fuzz to mean something.
    expect(tally.answered).toBeGreaterThan(CASES * 0.1);
    expect(tally.refused).toBeGreaterThan(CASES * 0.4);
    expect(tally.permission).toBeGreaterThan(CASES * 0.05);
    expect(slowest).toBeLessThan(TIMEOUT_SECONDS + 1);

    expect(await readdir(paths.targetDir)).toEqual([]);
    expect((await readdir(scratch)).sort()).toEqual(['secret.csv', 'targets']);
    expect((await readdir(t.project.queryDir)).sort()).toEqual(queryDirBefore);
    expect((await readdir(process.cwd())).sort()).toEqual(cwdBefore);
    expect(await sha256(file)).toBe(bytesBefore);
    expect(await snapshotChecksums(file)).toEqual(snapshotBefore);
    expect(await storeChecksums(t.warehouse)).toEqual(storeBefore);
    console.info(
      `query fuzz: ${CASES} cases, ${JSON.stringify(tally)}, slowest ${slowest.toFixed(3)} s`,
    );
  });
});
