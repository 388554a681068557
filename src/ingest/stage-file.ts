import type { Warehouse } from '../store/warehouse.js';
import type { FileFormat } from './formats.js';
import { stageNdjson } from './stage-ndjson.js';
import { stageTabular, type StageSource } from './stage-tabular.js';
import type { Staged } from './staged.js';

/** Loads a file into scratch tables with the engine's own reader for its format. */
export function stageFile(
  warehouse: Warehouse,
  source: StageSource,
  format: FileFormat,
  tag: string,
): Promise<Staged> {
  return format === 'ndjson'
    ? stageNdjson(warehouse, source.file, tag)
    : stageTabular(warehouse, source, format, tag);
}
