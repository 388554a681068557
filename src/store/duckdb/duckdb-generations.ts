import type { Generations } from '../generations.js';
import { ident, plainName } from '../sql-text.js';
import type { SqlParams, Row } from '../warehouse.js';

/** What the generations need of the warehouse they belong to. */
interface Statements {
  run(sql: string, params?: SqlParams): Promise<number>;
  query<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]>;
  transaction<T>(work: () => Promise<T>): Promise<T>;
}

const checked = (name: string): string => plainName(name, 'generation');

/**
 * DuckDB's generations: a schema each, found first by the search path while it is built, and
 * published as views in `main` over its tables.
 */
export function duckDbGenerations(store: Statements): Generations {
  return {
    async create(name) {
      await store.run(`DROP SCHEMA IF EXISTS ${checked(name)} CASCADE`);
      await store.run(`CREATE SCHEMA ${checked(name)}`);
    },

    async readingFirst(name, work) {
      await store.run(`SET search_path = '${checked(name)},main'`);
      try {
        return await work();
      } finally {
        await store.run('RESET search_path');
      }
    },

    async publish(name, tables, alongside) {
      for (const table of tables) checked(table);
      // Stores refreshed before generations existed hold the derived tables themselves.
      const oldTables = await store.query<{ name: string }>(
        `SELECT table_name AS name FROM duckdb_tables()
         WHERE database_name = current_database() AND schema_name = 'main'
           AND list_contains($names, table_name)`,
        { names: tables },
      );
      await store.transaction(async () => {
        for (const { name: table } of oldTables) await store.run(`DROP TABLE main.${table}`);
        for (const table of tables) {
          await store.run(
            `CREATE OR REPLACE VIEW main.${table} AS SELECT * FROM ${checked(name)}.${table}`,
          );
        }
        await alongside();
      });
    },

    async drop(name) {
      await store.run(`DROP SCHEMA IF EXISTS ${checked(name)} CASCADE`);
    },

    async dropAllBut(prefix, keep) {
      const schemas = await store.query<{ name: string }>(
        `SELECT schema_name AS name FROM duckdb_schemas()
         WHERE database_name = current_database() AND starts_with(schema_name, $prefix)
           AND schema_name <> $keep`,
        { prefix, keep },
      );
      // Found in the store, not given: quoted rather than checked.
      for (const { name } of schemas) await store.run(`DROP SCHEMA ${ident(name)} CASCADE`);
    },
  };
}
