import type { FileStaging } from '../../staged.js';
import type { Warehouse } from '../../warehouse.js';
import { stageNdjson } from './stage-ndjson.js';
import { stageTabular } from './stage-tabular.js';
import { stageValues } from './stage-values.js';

/**
 * DuckDB's staging: its own readers (read_csv with its rejects tables, read_parquet, NDJSON
 * lines read as text and parsed by its JSON functions), a careful reader in JS for the CSV
 * files those misread, and batches of values written as a CSV file it reads back.
 */
export function duckDbStaging(warehouse: Warehouse): FileStaging {
  return {
    file: (source, format, tag) =>
      format === 'ndjson'
        ? stageNdjson(warehouse, source.file, tag, source.scratchDir)
        : stageTabular(warehouse, source, format, tag),
    values: (values, shape, tag, scratchDir) => stageValues(values, shape, tag, scratchDir),
  };
}
