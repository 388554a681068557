import { literal } from '../../sql-text.js';
import type { Warehouse } from '../../warehouse.js';
import { fileBytes, type CsvHead } from '../../csv/csv-head.js';
import { CsvRecordReader } from '../../csv/csv-records.js';
import { cell, DELIMITER, loadCarefully, UTF8_BOM } from './scratch-text.js';

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
  const columns = head.names.map((name) => `${literal(name)}: 'VARCHAR'`);
  const into = { rows: target.table, broken: target.broken, columns };
  await loadCarefully(warehouse, scratchDir, `csv-${tag}`, into, async ({ rows, broken }) => {
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
  });
}
