import { rm } from 'node:fs/promises';
import { scratchPath } from '../../scratch-files.js';
import { literal } from '../../sql-text.js';
import type { Warehouse } from '../../warehouse.js';
import { fileBytes, type CsvHead } from '../../csv/csv-head.js';
import { CsvRecordReader } from '../../csv/csv-records.js';
import { cell, DELIMITER, Output, scratchRead, UTF8_BOM } from './scratch-text.js';

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
