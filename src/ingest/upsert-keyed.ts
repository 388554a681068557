import type { Config } from '../config/schema.js';
import type { SqlParams } from '../store/warehouse.js';
import type { KindImporter } from './kind-importer.js';
import type { Staged } from '../store/staged.js';
import { requireColumns } from './require-columns.js';
import { validatedTable } from './validated-table.js';

/** A small table keyed by some columns, whose rows a file replaces wholesale. */
export interface KeyedTable {
  table: string;
  keys: readonly string[];
  values: readonly string[];
  /** Columns every file must have. */
  required: readonly string[];
  /** Select items over the staged relation giving the key and value columns. */
  fields: (staged: Staged) => string;
  /** The reason a row of those columns cannot be stored, or NULL. */
  reason: string;
  params?: (config: Config) => SqlParams;
}

/**
 * An importer that upserts a keyed file: the last row of a key in the file wins, and a row that
 * changes nothing stored is a duplicate.
 */
export function keyedImporter(spec: KeyedTable): KindImporter {
  return {
    validate({ warehouse, staged, config, tag }) {
      requireColumns(
        staged,
        spec.required.map((name) => ({ key: name, name })),
      );
      return validatedTable(
        warehouse,
        staged,
        `${spec.table}_${tag}`,
        `SELECT *, ${spec.reason} AS reason
         FROM (SELECT __line AS line, ${staged.carry}, ${spec.fields(staged)}
               FROM ${staged.relation})`,
        spec.params?.(config),
      );
    },

    store({ warehouse }, validated, importId) {
      const keys = spec.keys.join(', ');
      const latest = spec.values
        .map((v) => `${warehouse.dialect.argMax(v, 'line')} AS ${v}`)
        .join(', ');
      const joinOn = spec.keys.map((k) => `stored.${k} = latest.${k}`).join(' AND ');
      const differs = spec.values
        .map((v) => `stored.${v} IS DISTINCT FROM latest.${v}`)
        .join(' OR ');
      const columns = [...spec.keys, ...spec.values];
      const updates = [...spec.values, 'import_id'].map((c) => `${c} = excluded.${c}`).join(', ');
      return warehouse.run(
        `INSERT INTO ${spec.table} (${columns.join(', ')}, import_id)
         WITH latest AS (
           SELECT ${keys}, ${latest} FROM ${validated} WHERE reason IS NULL GROUP BY ${keys}
         )
         SELECT ${columns.map((c) => `latest.${c}`).join(', ')}, $importId
         FROM latest LEFT JOIN ${spec.table} stored ON ${joinOn}
         WHERE stored.${spec.keys[0]} IS NULL OR ${differs}
         ON CONFLICT (${keys}) DO UPDATE SET ${updates}`,
        { importId },
      );
    },
  };
}
