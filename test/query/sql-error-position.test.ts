import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindablePlaceholders } from '../../src/query/query-placeholders.js';
import { runStatement } from '../../src/query/snapshot-engine.js';
import { sqlErrorPosition } from '../../src/query/sql-error-position.js';
import type { SqlPosition, WorkerMessage } from '../../src/query/worker-protocol.js';

// The engine's own error messages (a real in-memory DuckDB with one table), read back into the
// line and column of the user's text; every expected position is counted by hand.
describe('the line and column of an SQL error', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run('CREATE TABLE orders (a INTEGER)');
  });
  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
  });

  /** The error the statement fails with, as the worker would send it. */
  async function errorOf(sql: string): Promise<{ message: string; position: SqlPosition | null }> {
    const messages: WorkerMessage[] = [];
    await runStatement(connection, { sql, params: {}, limit: 10 }, async (m) => {
      messages.push(m);
    });
    const last = messages.at(-1);
    if (last?.t !== 'error') throw new Error(`${sql} did not fail: ${JSON.stringify(messages)}`);
    return last;
  }

  const a60 = 'a, '.repeat(60);

  it.each([
    ['an unknown table on the second line', 'SELECT *\nFROM nope', { line: 2, column: 6 }],
    ['a syntax error', 'SELEC 1', { line: 1, column: 1 }],
    ['a syntax error on an indented line', 'SELECT 1 +\n  FROM orders', { line: 2, column: 3 }],
    ['an unknown column', 'SELECT a\nFROM orders WHERE nope = 1', { line: 2, column: 19 }],
    ['after accented letters', "SELECT 'é', 'ü' FROM nope", { line: 1, column: 22 }],
    // 7 + 180 characters before nope: the engine shows "..." and the end of the line.
    ['far along a repetitive line', `SELECT ${a60}nope FROM orders`, { line: 1, column: 188 }],
    [
      'in the middle of a long line (cut at both ends)',
      `SELECT ${a60}nope, ${a60}a FROM orders`,
      { line: 1, column: 188 },
    ],
    [
      'far along a second line with trailing spaces',
      `SELECT 1,\n  ${a60}nope FROM orders  `,
      { line: 2, column: 183 },
    ],
    [
      'after 80 accented letters on a long line',
      `SELECT '${'é'.repeat(80)}', nope FROM orders`,
      { line: 1, column: 92 },
    ],
  ])('places %s', async (_what, sql, position) => {
    expect((await errorOf(sql)).position).toEqual(position);
  });

  it('keeps positions in the user text when {{placeholders}} become $names', async () => {
    // "SELECT {{value}} FROM " is 22 characters.
    const sql = bindablePlaceholders('SELECT {{value}} FROM nope');
    expect(sql).toBe('SELECT $value    FROM nope');
    expect((await errorOf(sql)).position).toEqual({ line: 1, column: 23 });
  });

  it('names no position where the engine names none, or the service refused', async () => {
    const end = await errorOf('SELECT a, FROM orders WHERE');
    expect(end.message).toMatch(/syntax error at end of input/);
    expect(end.position).toBeNull();
    const two = await errorOf('SELECT 1; SELECT 2');
    expect(two.message).toBe('only a single statement can run at a time (got 2)');
    expect(two.position).toBeNull();
    const write = await errorOf('DELETE FROM orders');
    expect(write.message).toMatch(/^DELETE statements are not allowed/);
    expect(write.position).toBeNull();
  });

  it('reads a message without a caret line as no position', () => {
    expect(sqlErrorPosition('Catalog Error: x\n\nLINE 1: SELECT x', 'SELECT x')).toBeNull();
    expect(sqlErrorPosition('Binder Error: nothing more', 'SELECT x')).toBeNull();
    expect(sqlErrorPosition('LINE 3: z\n        ^', 'a\nb\nz')).toEqual({ line: 3, column: 1 });
  });
});
