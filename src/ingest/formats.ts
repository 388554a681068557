import { ClvError } from '../shared/errors.js';

export const FORMATS = ['csv', 'ndjson', 'parquet'] as const;
export type FileFormat = (typeof FORMATS)[number];

export const KINDS = ['events', 'customers', 'costs', 'rates'] as const;
export type ImportKind = (typeof KINDS)[number];

/** The format named by a file's extension (`.gz` looked through), or the one given. */
export function detectFormat(file: string, given?: string): FileFormat {
  if (given !== undefined) {
    if ((FORMATS as readonly string[]).includes(given)) return given as FileFormat;
    throw new ClvError('usage', `unknown format "${given}": use one of ${FORMATS.join(', ')}`);
  }
  const name = file.toLowerCase().replace(/\.(gz|gzip)$/, '');
  if (name.endsWith('.csv') || name.endsWith('.tsv') || name.endsWith('.txt')) return 'csv';
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl') || name.endsWith('.json')) {
    return 'ndjson';
  }
  if (name.endsWith('.parquet') || name.endsWith('.pq')) return 'parquet';
  throw new ClvError(
    'usage',
    `cannot tell the format of ${file} from its name: pass \`format\` ${FORMATS.join('|')}`,
  );
}

export function parseKind(kind: string | undefined): ImportKind {
  if (kind !== undefined && (KINDS as readonly string[]).includes(kind)) return kind as ImportKind;
  throw new ClvError('usage', `\`kind\` must be one of ${KINDS.join(', ')}`);
}
