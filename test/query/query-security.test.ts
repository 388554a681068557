import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, type Role } from '../../src/keys/api-keys.js';
import { QUERY_TABLES } from '../../src/query/query-catalog.js';
import { snapshotFile } from '../../src/query/query-snapshot.js';
import { openStore } from '../../src/store/open-store.js';
import type { TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';
import { hostileStatements, type HostilePaths } from './hostile-sql.js';
import { DESTINATION_SECRET, GUARDED_TABLES, queryShop, storeChecksums } from './query-shop.js';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

// Issue 16's hostile statements through the real server with a read key: each is refused 400
// with the engine's or the service's reason, within the time limit, and afterwards the store
// holds what it held and no file exists where they aimed.
describe('hostile statements through POST /api/v1/query', () => {
  let t: TempProject;
  let api: TestServer;
  let scratch: string;
  let paths: HostilePaths;
  let before: Record<string, string>;
  const keys = { ingest: '', read: '', admin: '' } as Record<Role, string>;
  const marker = 'SECRET-MARKER-security-9e2d';
  beforeAll(async () => {
    t = await queryShop();
    scratch = await mkdtemp(join(tmpdir(), 'clv-query-security-'));
    paths = {
      secretFile: join(scratch, 'secret.csv'),
      storeFile: t.project.storeFile,
      targetDir: join(scratch, 'targets'),
    };
    await writeFile(paths.secretFile, `name\n${marker}\n`);
    await mkdir(paths.targetDir);
    for (const role of ['ingest', 'read', 'admin'] as const) {
      keys[role] = (await createKey(t.warehouse, { role, name: `security ${role}` })).key;
    }
    before = await storeChecksums(t.warehouse);
    api = await testServer(t, { keys: false });
  });
  afterAll(async () => {
    await api.close();
    await t.cleanup();
    await rm(scratch, { recursive: true, force: true });
  });

  const post = (sql: string, key: string) =>
    api.request('/api/v1/query', {
      method: 'POST',
      key,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sql }),
    });

  it('refuses every one with 400 and a reason, and leaves the store and the disk as they were', async () => {
    const reasons: Record<string, string> = {};
    const refuse = async (sql: string) => {
      const started = performance.now();
      const response = await post(sql, keys.read);
      const text = await response.text();
      expect((performance.now() - started) / 1000, sql).toBeLessThan(31);
      expect(response.status, `${sql} → ${text}`).toBe(400);
      const body = JSON.parse(text) as ErrorBody;
      expect(body.error.code, sql).toBe('bad_input');
      expect(text, sql).not.toContain(marker);
      expect(text, sql).not.toContain('root:x:0:0');
      reasons[sql] = body.error.message.split('\n')[0] ?? '';
    };
    // Three at a time: each runs in a worker of its own.
    const statements = hostileStatements(paths);
    for (let i = 0; i < statements.length; i += 3) {
      await Promise.all(statements.slice(i, i + 3).map(refuse));
    }
    expect(Object.keys(reasons)).toHaveLength(statements.length);
    // The reasons, one of a few kinds, none of them a crash.
    for (const [sql, reason] of Object.entries(reasons)) {
      expect(reason, sql).toMatch(
        /^(Permission Error: |Catalog Error: Table with name \w+ does not exist|only a single statement|(DELETE|CREATE|EXPORT|SET|PRAGMA|ATTACH|COPY|LOAD|INSTALL|EXTENSION) statements are not allowed|Failed to extract statements)/,
      );
    }
    expect(reasons['SELECT 1; SELECT 2']).toBe('only a single statement can run at a time (got 2)');
    expect(reasons['DELETE FROM events']).toMatch(/^DELETE statements are not allowed/);
    expect(reasons['SELECT * FROM api_keys']).toMatch(/^Catalog Error: Table with name api_keys/);
    expect(reasons["SELECT * FROM read_csv('/etc/passwd')"]).toMatch(/^Permission Error: /);

    expect(await readdir(paths.targetDir)).toEqual([]);
    expect(existsSync(join(paths.targetDir, 'x.csv'))).toBe(false);
    expect(existsSync(join(paths.targetDir, 'y.duckdb'))).toBe(false);
    expect(existsSync(join(paths.targetDir, 'e'))).toBe(false);
  });

  it('lets the read role see only the offered tables, and no secret in any of them', async () => {
    const response = await post(
      "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1",
      keys.read,
    );
    expect(response.status).toBe(200);
    const names = ((await response.json()) as { rows: string[][] }).rows.map((row) => row[0]);
    const offered = new Set(QUERY_TABLES.map((table) => table.name));
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((name) => !offered.has(name ?? ''))).toEqual([]);
    for (const table of GUARDED_TABLES.filter((name) => name !== 'events')) {
      expect(names).not.toContain(table);
    }
    const databases = await post(
      'SELECT database_name FROM duckdb_databases() ORDER BY 1',
      keys.read,
    );
    expect(((await databases.json()) as { rows: string[][] }).rows).toEqual([
      ['snapshot'],
      ['system'],
      ['temp'],
    ]);
  });

  it('leaves the store unchanged and copies no key or destination into the snapshot', async () => {
    await api.close();
    const store = await openStore(t.project);
    try {
      expect(await storeChecksums(store)).toEqual(before);
      expect(before['api_keys']).toMatch(/^4:/);
      expect(before['destinations']).toMatch(/^1:/);
    } finally {
      await store.close();
    }
    // Every value of every table of the snapshot, as text: no key, no destination address.
    const instance = await DuckDBInstance.create(snapshotFile(t.project.queryDir), {
      access_mode: 'READ_ONLY',
    });
    const connection = await instance.connect();
    try {
      const tables = (
        await connection.runAndReadAll('SELECT table_name FROM duckdb_tables() ORDER BY 1')
      ).getRowsJS();
      let text = '';
      for (const [name] of tables) {
        const rows = await connection.runAndReadAll(`SELECT * FROM "${String(name)}"`);
        text += JSON.stringify(rows.getRowsJson());
      }
      expect(text).toContain('alice');
      for (const secret of [
        DESTINATION_SECRET,
        'http://127.0.0.1:9/hook',
        keys.read,
        keys.admin,
        keys.ingest,
      ]) {
        expect(text).not.toContain(secret);
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
