import type { Random } from '../../src/shared/random.js';

/** Where the hostile statements aim: files to read, places to write. */
export interface HostilePaths {
  /** A file holding a secret marker: no answer may ever contain it. */
  secretFile: string;
  /** The project's store (API keys, destination secrets). */
  storeFile: string;
  /** A folder no statement may create anything in. */
  targetDir: string;
}

/** Issue 16's hostile statements, with every path it names moved into the test's folders. */
export function hostileStatements(paths: HostilePaths): string[] {
  const target = (name: string) => `${paths.targetDir}/${name}`;
  return [
    `SELECT * FROM read_csv('${paths.secretFile}')`,
    "SELECT * FROM read_csv('/etc/passwd')",
    `COPY events TO '${target('x.csv')}'`,
    `ATTACH '${target('y.duckdb')}' AS y`,
    `ATTACH '${paths.storeFile}' AS store (READ_ONLY)`,
    'INSTALL httpfs',
    'LOAD httpfs',
    'SET threads = 1',
    'PRAGMA enable_profiling',
    'SELECT 1; SELECT 2',
    'DELETE FROM events',
    'CREATE TABLE t AS SELECT 1',
    `EXPORT DATABASE '${target('e')}'`,
    'SELECT * FROM api_keys',
    'SELECT * FROM destinations',
    'SELECT * FROM deliveries',
    "SELECT * FROM glob('/*')",
    "SELECT * FROM read_text('/etc/hostname')",
    `SELECT * FROM '${paths.secretFile}'`,
  ];
}

const HEADS = [
  'SELECT *',
  'SELECT count(*)',
  'SELECT 1',
  "SELECT 'é名😀\u200b'",
  'EXPLAIN SELECT *',
  'SELECT DISTINCT *',
  'WITH x AS (SELECT 1 AS a) SELECT *',
  'select *',
];

const OFFERED = ['orders', 'customer_summary', 'events', 'customers', 'refreshes', 'store_as_of'];
const FORBIDDEN = ['api_keys', 'destinations', 'deliveries', 'main.api_keys', 'store.api_keys'];
const READERS = [
  'read_csv',
  'read_csv_auto',
  'read_parquet',
  'parquet_scan',
  'read_json',
  'read_json_auto',
  'read_text',
  'read_blob',
  'glob',
];

/** A statement's raw pieces, by kind: the fuzzer picks, joins, quotes, comments and cuts them. */
function fragments(random: Random, paths: HostilePaths): string[] {
  const pick = <T>(list: readonly T[]): T => list[random.int(0, list.length - 1)] as T;
  const readable = [
    paths.secretFile,
    paths.storeFile,
    '/etc/passwd',
    '/etc/hostname',
    '/proc/self/environ',
    `${paths.targetDir}/../secret.csv`,
    'http://127.0.0.1:9/x.csv',
    '~/.ssh/id_rsa',
  ];
  const target = `${paths.targetDir}/${pick(['out.csv', 'out.parquet', 'db.duckdb', 'dir', 'x'])}`;
  const table = pick([...OFFERED, ...OFFERED, ...FORBIDDEN]);
  const file = pick(readable);
  return [
    `${pick(HEADS)} FROM ${table}`,
    `${pick(HEADS)} FROM ${table} LIMIT ${random.int(0, 20)}`,
    `FROM ${table}`,
    `${pick(HEADS)} FROM ${pick(READERS)}('${file}')`,
    `SELECT * FROM sqlite_scan('${file}', 'api_keys')`,
    `SELECT * FROM '${file}'`,
    `SELECT * FROM query('SELECT * FROM read_text(''${file}'')')`,
    `SELECT * FROM query('DELETE FROM ${table}')`,
    `SELECT getenv('HOME'), current_setting('enable_external_access')`,
    `COPY ${table} TO '${target}'`,
    `COPY (SELECT * FROM ${table}) TO '${target}' (FORMAT ${pick(['csv', 'parquet', 'json'])})`,
    `COPY ${table} FROM '${file}'`,
    `ATTACH '${pick([target, paths.storeFile, ':memory:'])}' AS y`,
    'DETACH y',
    `SET ${pick(['threads = 1', 'enable_external_access = true', "memory_limit = '8GB'", 'lock_configuration = false', "temp_directory = '/tmp'"])}`,
    `RESET ${pick(['threads', 'enable_external_access'])}`,
    `PRAGMA ${pick(['enable_profiling', 'database_list', "enable_profiling = 'json'", 'version'])}`,
    `INSTALL ${pick(['httpfs', 'sqlite', 'postgres'])}`,
    `LOAD ${pick(['httpfs', 'sqlite', `'${file}'`])}`,
    `CALL ${pick(['pragma_version()', 'duckdb_settings()', `sqlite_attach('${file}')`, 'checkpoint()'])}`,
    `CREATE ${pick(['TABLE t AS SELECT 1', 'TEMP TABLE t (a INT)', 'VIEW v AS SELECT 1', 'MACRO m(a) AS a', 'SECRET s (TYPE s3)'])}`,
    `INSERT INTO ${table} SELECT * FROM ${table}`,
    `UPDATE ${table} SET customer_id = 'x'`,
    `DELETE FROM ${table}`,
    `DROP TABLE ${table}`,
    `ALTER TABLE ${table} RENAME TO gone`,
    `EXPORT DATABASE '${target}'`,
    `IMPORT DATABASE '${paths.targetDir}'`,
    'CHECKPOINT',
    'VACUUM',
    `USE ${pick(['y', 'memory', 'system', 'temp'])}`,
    'BEGIN TRANSACTION',
    'COMMIT',
    `EXPLAIN ANALYZE ${pick(['CREATE TEMP TABLE t AS SELECT 1', 'CREATE TEMP MACRO m(a) AS a', `COPY ${table} TO '${target}'`, `DELETE FROM ${table}`, 'CHECKPOINT', `SELECT * FROM ${table}`])}`,
    'SELECT * FROM duckdb_tables()',
    'SELECT * FROM duckdb_databases()',
  ];
}

/**
 * One fuzzed statement: a fragment or several joined by `;`, with comments, quotes, odd letters
 * and case thrown in, sometimes cut short at a random place.
 */
export function fuzzedStatement(random: Random, paths: HostilePaths): string {
  const pieces = fragments(random, paths);
  const pick = () => pieces[random.int(0, pieces.length - 1)] as string;
  // A third start from a plain query (the first three pieces), so that many cases run.
  let sql = random.chance(0.35) ? (pieces[random.int(0, 2)] as string) : pick();
  if (random.chance(0.15)) sql = `${sql}; ${pick()}`;
  if (random.chance(0.1)) sql = `${pick()};${sql};`;
  if (random.chance(0.15)) sql = `-- ${pick()}\n${sql}`;
  if (random.chance(0.1)) sql = `/* ${pick()} */ ${sql}`;
  if (random.chance(0.1)) sql = `${sql} -- '; ${pick()}`;
  if (random.chance(0.1)) sql = sql.replace(/'/, "''");
  if (random.chance(0.05)) sql = `${sql}'`;
  if (random.chance(0.1)) sql = sql.replace(' ', oddText(random));
  if (random.chance(0.1)) sql = sql.toUpperCase();
  if (random.chance(0.1)) sql = sql.replace(/ /g, '\n\t');
  if (random.chance(0.15)) sql = sql.slice(0, random.int(1, sql.length));
  return sql;
}

/** A letter or space from far outside ASCII, or a character that looks like nothing. */
function oddText(random: Random): string {
  const odd = [' é ', ' 名 ', ' 😀 ', '\u200b', '\u00a0', ' \u202e ', '\t', ' \\x00 ', ' ; '];
  return odd[random.int(0, odd.length - 1)] as string;
}
