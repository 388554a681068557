import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { SCRATCH_STREAM, scratchPath } from '../../scratch-files.js';
import { literal } from '../../sql-text.js';
import type { Warehouse } from '../../warehouse.js';
import { fileBytes, type CsvHead } from '../../csv/csv-head.js';
import { CsvRecordReader, MAX_RECORD_BYTES } from '../../csv/csv-records.js';
import { lineSizeOptions } from './line-size.js';

/** Delimiter and quote of the scratch files: control characters, quoted when in a value. */
const DELIMITER = '\x01';
const QUOTE = '\x02';
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Reads a CSV file with our own record reader (`CsvRecordReader`) instead of the engine's,
 * for the files the engine's reader would misread: a stray quote, a field across lines,
 * blank lines. Each record is written with its line number to a scratch file the engine
 * then reads without parsing anything (`table`: `__line` and every column as text), and each
 * broken line to another (`broken`: line, reason, record). Slower than the engine's reader;
 * only files that need it come here.
 */
export async function stageCsvCarefully(
  warehouse: Warehouse,
  file: string,
  head: CsvHead,
  target: { table: string; broken: string },
  scratchDir: string,
  tag: string,
): Promise<void> {
  // What a killed process left here goes at the next open of the store (`sweepScratch`).
  const rowsFile = await scratchPath(scratchDir, `-csv-${tag}-rows.txt`);
  const brokenFile = await scratchPath(scratchDir, `-csv-${tag}-broken.txt`);
  try {
    const rows = new Output(rowsFile);
    const broken = new Output(brokenFile);
    let headerSeen = false;
    const reader = new CsvRecordReader(
      {
        row({ line, fields }) {
          // The first record is the header, read already.
          if (!headerSeen) {
            headerSeen = true;
            reader.width = head.names.length;
            return;
          }
          rows.add(`${line}${DELIMITER}${fields.map(cell).join(DELIMITER)}\n`);
        },
        broken({ line, reason, text }) {
          broken.add(`${line}${DELIMITER}${cell(reason)}${DELIMITER}${cell(text)}\n`);
        },
      },
      head.delimiter.charCodeAt(0),
      null,
    );
    let first = true;
    for await (const chunk of fileBytes(file) as AsyncIterable<Buffer>) {
      reader.push(first && chunk.subarray(0, 3).equals(UTF8_BOM) ? chunk.subarray(3) : chunk);
      first = false;
      await Promise.all([rows.flushIfFull(), broken.flushIfFull()]);
    }
    reader.end();
    await Promise.all([rows.close(), broken.close()]);
    const columns = head.names.map((name) => `${literal(name)}: 'VARCHAR'`);
    await warehouse.run(
      `CREATE TEMP TABLE ${target.table} AS SELECT * FROM ${scratchRead(rowsFile, [
        `'__line': 'BIGINT'`,
        ...columns,
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
function cell(value: string | null): string {
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
