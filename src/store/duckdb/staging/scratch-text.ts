import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { SCRATCH_STREAM, scratchPath } from '../../scratch-files.js';
import { literal } from '../../sql-text.js';
import type { Warehouse } from '../../warehouse.js';
import { MAX_RECORD_BYTES } from '../../csv/csv-records.js';
import { lineSizeOptions } from './line-size.js';

/** Delimiter and quote of the scratch files: control characters, quoted when in a value. */
export const DELIMITER = '\x01';
const QUOTE = '\x02';
export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A careful reader's two scratch files: its readable rows and its broken lines. */
export interface CarefulOutputs {
  rows: Output;
  broken: Output;
}

/**
 * Runs `write` with a careful reader's two scratch files open in the project's scratch folder,
 * then loads them: `target.rows` gets `__line` and `target.columns` (text), `target.broken` the
 * line, reason and record of each broken line. The files are removed whatever happens.
 */
export async function loadCarefully(
  warehouse: Warehouse,
  scratchDir: string,
  name: string,
  target: { rows: string; broken: string; columns: readonly string[] },
  write: (outputs: CarefulOutputs) => Promise<void>,
): Promise<void> {
  // What a killed process left here goes at the next open of the store (`sweepScratch`).
  const rowsFile = await scratchPath(scratchDir, `-${name}-rows.txt`);
  const brokenFile = await scratchPath(scratchDir, `-${name}-broken.txt`);
  try {
    const rows = new Output(rowsFile);
    const broken = new Output(brokenFile);
    await write({ rows, broken });
    await Promise.all([rows.close(), broken.close()]);
    await warehouse.run(
      `CREATE TEMP TABLE ${target.rows} AS SELECT * FROM ${scratchRead(rowsFile, [
        `'__line': 'BIGINT'`,
        ...target.columns,
      ])}`,
    );
    await warehouse.run(
      `CREATE TEMP TABLE ${target.broken} AS SELECT * FROM ${scratchRead(brokenFile, [
        `'line': 'BIGINT'`,
        `'reason': 'VARCHAR'`,
        `'record': 'VARCHAR'`,
      ])}`,
    );
  } finally {
    await rm(rowsFile, { force: true });
    await rm(brokenFile, { force: true });
  }
}

/** The engine's reader over a scratch file: nothing to detect, nothing to unquote but ours. */
function scratchRead(file: string, columns: readonly string[]): string {
  // The path is ours, not data; the longest record fits the line size.
  return `read_csv(${literal(file)}, columns = {${columns.join(', ')}}, header = false,
    auto_detect = false, delim = chr(1), quote = chr(2), escape = chr(2), new_line = '\\n',
    ${lineSizeOptions(2 * MAX_RECORD_BYTES + 1024)})`;
}

/** A value as a scratch-file cell: as it is unless it holds a control character; null is empty. */
export function cell(value: string | null): string {
  if (value === null) return '';
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return /[\x00-\x1f]/.test(value)
    ? `${QUOTE}${value.replaceAll(QUOTE, QUOTE + QUOTE)}${QUOTE}`
    : value;
}

/** A scratch file written in large pieces, readable by its owner only. */
class Output {
  private readonly stream: WriteStream;
  private parts: string[] = [];
  private size = 0;

  constructor(file: string) {
    this.stream = createWriteStream(file, SCRATCH_STREAM);
  }

  add(text: string): void {
    this.parts.push(text);
    this.size += text.length;
  }

  async flushIfFull(): Promise<void> {
    if (this.size >= 1 << 20) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }

  private async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }
}
