import type { Config } from '../config/schema.js';
import type { Warehouse } from '../store/warehouse.js';
import type { Staged } from '../store/staged.js';

export interface KindContext {
  warehouse: Warehouse;
  staged: Staged;
  config: Config;
  /** Unique suffix for scratch tables of this import. */
  tag: string;
}

/**
 * Imports one kind of file in two phases. `validate` changes no stored data: it returns a
 * scratch table with `line`, `reason` (NULL when the row can be stored), `record` and the
 * kind's columns. `store` runs inside the import's transaction and returns how many rows
 * created or changed a stored record.
 */
export interface KindImporter {
  validate(context: KindContext): Promise<string>;
  store(context: KindContext, validated: string, importId: number): Promise<number>;
}
