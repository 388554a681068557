import type { Warehouse } from '../../warehouse.js';
import { fileBytes } from '../../csv/csv-head.js';
import { MAX_LINE_BYTES } from './line-size.js';
import { cell, DELIMITER, loadCarefully, UTF8_BOM } from './scratch-text.js';

const NEWLINE = 0x0a;
const RETURN = 0x0d;

/**
 * Splits an NDJSON file into its lines ourselves, for the files the engine's line reading
 * refuses: line ends that change within the file (`\r\n` here, `\n` there) or a carriage return
 * alone. A line ends at `\n` and loses one `\r` before it, as NDJSON says; a carriage return
 * anywhere else stays in its line. Writes `lines` (`__line`, `text`, every line numbered,
 * blank ones included) and `broken` (`line`, `reason`, `record`: the lines that are not UTF-8).
 */
export async function readNdjsonLinesCarefully(
  warehouse: Warehouse,
  file: string,
  target: { lines: string; broken: string },
  scratchDir: string,
  tag: string,
): Promise<void> {
  const into = { rows: target.lines, broken: target.broken, columns: [`'text': 'VARCHAR'`] };
  await loadCarefully(warehouse, scratchDir, `ndjson-${tag}`, into, async ({ rows, broken }) => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const lenient = new TextDecoder('utf-8');
    let number = 0;
    const add = (bytes: Buffer): void => {
      number += 1;
      if (bytes.length > MAX_LINE_BYTES) tooLong(number);
      const end = bytes.length > 0 && bytes[bytes.length - 1] === RETURN ? -1 : undefined;
      const line = bytes.subarray(0, end);
      try {
        rows.add(`${number}${DELIMITER}${cell(strict.decode(line))}\n`);
      } catch {
        const record = cell(lenient.decode(line));
        broken.add(`${number}${DELIMITER}the text is not UTF-8${DELIMITER}${record}\n`);
      }
    };
    let rest = Buffer.alloc(0);
    let first = true;
    for await (const chunk of fileBytes(file) as AsyncIterable<Buffer>) {
      let bytes = Buffer.concat([rest, chunk]);
      if (first && bytes.length >= 3) {
        if (bytes.subarray(0, 3).equals(UTF8_BOM)) bytes = bytes.subarray(3);
        first = false;
      }
      let start = 0;
      for (let end = bytes.indexOf(NEWLINE); end >= 0; end = bytes.indexOf(NEWLINE, start)) {
        add(bytes.subarray(start, end));
        start = end + 1;
      }
      rest = Buffer.from(bytes.subarray(start));
      // As the engine's reader: a longer line (a JSON array named .json, say) refuses the file,
      // rather than growing in memory without bound.
      if (rest.length > MAX_LINE_BYTES) tooLong(number + 1);
      await Promise.all([rows.flushIfFull(), broken.flushIfFull()]);
    }
    // The last line needs no newline after it.
    if (rest.length > 0) add(rest);
  });
}

/** What the engine's reader says of such a line, which the import puts in words. */
function tooLong(line: number): never {
  throw new Error(`line ${line}: maximum line size of ${MAX_LINE_BYTES} bytes exceeded`);
}
