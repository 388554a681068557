import { plainName } from '../sql-text.js';
import type { SqlParams, Row } from '../warehouse.js';
import type { VersionedTables } from '../versioned-tables.js';

interface Statements {
  run(sql: string, params?: SqlParams): Promise<number>;
  query<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]>;
}

/** The versioned tables' own schema, out of the generations and of `main`. */
const SCHEMA = 'versioned_rows';
const FROM = '_from_version';
const TO = '_to_version';

const checked = (name: string): string => `${SCHEMA}.${plainName(name, 'versioned table')}`;
const version = (value: number): number => {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`not a version: ${value}`);
  return value;
};

/** DuckDB's versioned tables: a schema of plain tables with two INTEGER version columns. */
export function duckDbVersioned(store: Statements): VersionedTables {
  return {
    async build(table, select, params, at) {
      await store.run(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
      await store.run(
        `CREATE OR REPLACE TABLE ${checked(table)} AS
         SELECT *, ${version(at)}::INTEGER AS ${FROM}, NULL::INTEGER AS ${TO} FROM (${select})`,
        params,
      );
    },

    async replace(table, key, keys, select, params, at) {
      const stored = checked(table);
      const column = plainName(key, 'key column');
      await store.run(
        `UPDATE ${stored} SET ${TO} = ${version(at)}
         WHERE ${TO} IS NULL AND ${column} IN (SELECT ${column} FROM ${plainName(keys, 'keys table')})`,
      );
      await store.run(
        `INSERT INTO ${stored} BY NAME
         SELECT *, ${version(at)}::INTEGER AS ${FROM}, NULL::INTEGER AS ${TO} FROM (${select})`,
        params,
      );
    },

    at(table, at) {
      return `SELECT * EXCLUDE (${FROM}, ${TO}) FROM ${checked(table)}
              WHERE ${FROM} <= ${version(at)} AND (${TO} IS NULL OR ${TO} > ${version(at)})`;
    },

    async existing(tables) {
      const rows = await store.query<{ name: string }>(
        `SELECT table_name AS name FROM duckdb_tables()
         WHERE database_name = current_database() AND schema_name = $schema`,
        { schema: SCHEMA },
      );
      const present = new Set(rows.map((row) => row.name));
      return tables.filter((table) => present.has(table));
    },

    async forget(kept, at) {
      for (const table of kept) {
        await store.run(`DELETE FROM ${checked(table)} WHERE ${TO} <= ${version(at)}`);
      }
      const rows = await store.query<{ name: string }>(
        `SELECT table_name AS name FROM duckdb_tables()
         WHERE database_name = current_database() AND schema_name = $schema`,
        { schema: SCHEMA },
      );
      for (const { name } of rows) {
        // Found in the store, not given: quoted rather than checked.
        if (!kept.includes(name)) {
          await store.run(`DROP TABLE IF EXISTS ${SCHEMA}."${name.replaceAll('"', '""')}"`);
        }
      }
    },
  };
}
