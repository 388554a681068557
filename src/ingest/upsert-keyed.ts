import type { SqlParams } from '../store/warehouse.js';
import type { KindContext, KindResult } from './kind-importer.js';
import { rejectsOf } from './rejects.js';

/** A small table keyed by some columns, whose rows a file replaces wholesale. */
export interface KeyedTable {
  table: string;
  keys: readonly string[];
  values: readonly string[];
  /** SELECT over the staged relation giving `line`, `reason`, and the key and value columns. */
  validate: (relation: string) => string;
  params?: SqlParams;
}

/** Upserts a keyed file: the last row of a key in the file wins; unchanged rows are duplicates. */
export async function upsertKeyed(context: KindContext, spec: KeyedTable): Promise<KindResult> {
  const { warehouse, staged, importId, tag } = context;
  const validated = `${spec.table}_${tag}`;
  context.step('validating');
  await warehouse.run(
    `CREATE TEMP TABLE ${validated} AS ${spec.validate(staged.relation)}`,
    spec.params,
  );
  context.step('storing');
  const keys = spec.keys.join(', ');
  const latest = spec.values.map((v) => `arg_max(${v}, line) AS ${v}`).join(', ');
  const joinOn = spec.keys.map((k) => `stored.${k} = latest.${k}`).join(' AND ');
  const differs = spec.values.map((v) => `stored.${v} IS DISTINCT FROM latest.${v}`).join(' OR ');
  const columns = [...spec.keys, ...spec.values];
  const updates = [...spec.values, 'import_id'].map((c) => `${c} = excluded.${c}`).join(', ');
  const inserted = await warehouse.run(
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
  const [count] = await warehouse.query<{ n: number }>(
    `SELECT count(*) AS n FROM ${validated} WHERE reason IS NULL`,
  );
  return { valid: count?.n ?? 0, inserted, rejects: rejectsOf(staged, validated) };
}
