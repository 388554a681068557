import type { ScratchTables, ScratchType } from '../scratch-tables.js';
import { plainName } from '../sql-text.js';
import type { SqlParams } from '../warehouse.js';

/** What the scratch tables need of the warehouse they belong to. */
interface Statements {
  run(sql: string, params?: SqlParams): Promise<number>;
}

const SPELLING: Record<ScratchType, string> = {
  text: 'VARCHAR',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
  date: 'DATE',
};

const checked = (name: string): string => plainName(name, 'scratch table');

/** DuckDB's scratch tables: temp tables, in memory until they spill to the temporary folder. */
export function duckDbScratch(store: Statements): ScratchTables {
  return {
    async fromQuery(name, select, params) {
      await store.run(`CREATE OR REPLACE TEMP TABLE ${checked(name)} AS ${select}`, params);
    },

    async withColumns(name, columns) {
      const list = columns.map(
        ([column, type]) => `${plainName(column, 'column')} ${SPELLING[type]}`,
      );
      await store.run(`CREATE OR REPLACE TEMP TABLE ${checked(name)} (${list.join(', ')})`);
    },

    async drop(name) {
      await store.run(`DROP TABLE IF EXISTS temp.${checked(name)}`);
    },
  };
}
