import type { Config } from '../config/schema.js';
import type { Warehouse } from '../store/warehouse.js';
import type { Staged } from './staged.js';

export interface KindContext {
  warehouse: Warehouse;
  staged: Staged;
  config: Config;
  importId: number;
  /** Unique suffix for scratch tables of this import. */
  tag: string;
  /** Reports that a long step starts, so progress can be shown. */
  step(name: string): void;
}

export interface KindResult {
  /** Readable rows that passed validation. */
  valid: number;
  /** Rows that created or changed a stored record; the other valid rows were duplicates. */
  inserted: number;
  /** A query yielding `line`, `reason`, `record` for every rejected readable row. */
  rejects: string;
}

/** Stores one kind of staged file; the caller owns the transaction and the rejects file. */
export type KindImporter = (context: KindContext) => Promise<KindResult>;
