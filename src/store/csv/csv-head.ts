import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ClvError } from '../../shared/errors.js';
import { CsvRecordReader, type CsvBroken, type CsvRow } from './csv-records.js';

/** The header of a CSV file and how its fields are split. */
export interface CsvHead {
  delimiter: string;
  /** Column names as the engine names them: trimmed, `columnN` when empty, `name_N` repeated. */
  names: string[];
  /** Whether the header is the file's first line, alone: the engine's reader can skip it. */
  plain: boolean;
}

/** What a look at every byte of a CSV file found, without parsing it. */
export interface CsvBytes {
  quotes: boolean;
  carriageReturns: boolean;
  /** A blank line before the last line that has text. */
  blankLine: boolean;
}

const CANDIDATES = [',', ';', '\t', '|'];
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const CHUNK = 4 * 1024 * 1024;
const BLANK_LINES = ['\n\n', '\n\r\n', '\r\r'];

/** True when the file's name says gzip. */
export function isGzip(file: string): boolean {
  return /\.(gz|gzip)$/i.test(file);
}

/** The file's bytes, decompressed when it is gzip, in chunks of about 4 MB. */
export function fileBytes(file: string): Readable {
  const raw = createReadStream(file, { highWaterMark: CHUNK });
  if (!isGzip(file)) return raw;
  const gunzip = raw.pipe(createGunzip({ chunkSize: CHUNK }));
  // Stopping early (the header is read) must close the file too; a damaged file fails both.
  gunzip.once('close', () => raw.destroy());
  raw.once('error', (error) => gunzip.destroy(error));
  return gunzip;
}

/**
 * Reads the header: the first record of the file, after any blank lines and a byte order
 * mark. The delimiter is the one of `,` `;` tab `|` that its first line holds most often
 * outside quotes (a comma when none); a `.tsv` file prefers a tab. `name` is what messages
 * call the file.
 */
export async function readCsvHead(file: string, name: string): Promise<CsvHead> {
  const found: { row?: CsvRow; broken?: CsvBroken } = {};
  const sink = {
    row: (row: CsvRow) => void (found.row ??= row),
    broken: (broken: CsvBroken) => void (found.broken ??= broken),
  };
  let reader: CsvRecordReader | null = null;
  let start: Buffer = Buffer.alloc(0);
  let delimiter = ',';
  const begin = (): CsvRecordReader => {
    if (start.subarray(0, 3).equals(UTF8_BOM)) start = start.subarray(3);
    delimiter = pickDelimiter(start, file);
    const created = new CsvRecordReader(sink, delimiter.charCodeAt(0), null);
    created.push(start);
    return created;
  };
  const stream = fileBytes(file);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (reader) {
        reader.push(chunk);
      } else {
        start = Buffer.concat([start, chunk]);
        if (firstLineEnd(start) === start.length && start.length < CHUNK) continue;
        reader = begin();
      }
      if (found.row || found.broken) break;
    }
    reader ??= begin();
    if (!found.row && !found.broken) reader.end();
  } finally {
    stream.destroy();
  }
  const { row, broken } = found;
  if (broken && (!row || broken.line < row.line)) {
    throw new ClvError(
      'bad_input',
      `${name}: line ${broken.line}, the header, cannot be read: ` +
        broken.reason.replace('malformed row: ', ''),
    );
  }
  if (!row) throw new ClvError('bad_input', `${name} has no header line: it holds no text`);
  const firstLine = start.subarray(0, firstLineEnd(start));
  const quotes = firstLine.reduce((n, byte) => (byte === 0x22 ? n + 1 : n), 0);
  return {
    delimiter,
    names: engineNames(row.fields),
    // A header on the first line that is not continued by a quoted line break.
    plain: row.line === 1 && quotes % 2 === 0,
  };
}

/** The candidate the first non-blank line holds most often outside quotes. */
function pickDelimiter(head: Buffer, file: string): string {
  let start = 0;
  while (start < head.length && (head[start] === 0x0a || head[start] === 0x0d)) start += 1;
  const line = head.subarray(start, start + firstLineEnd(head.subarray(start))).toString('utf8');
  const counts = new Map(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (const character of line) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && counts.has(character))
      counts.set(character, (counts.get(character) ?? 0) + 1);
  }
  const preferred = /\.tsv(\.gz|\.gzip)?$/i.test(file) ? '\t' : ',';
  let best = preferred;
  for (const candidate of CANDIDATES) {
    if ((counts.get(candidate) ?? 0) > (counts.get(best) ?? 0)) best = candidate;
  }
  return best;
}

function firstLineEnd(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; i += 1) {
    if (bytes[i] === 0x0a || bytes[i] === 0x0d) return i;
  }
  return bytes.length;
}

/** Names as the engine's CSV reader gives them, so both ways of reading name columns alike. */
function engineNames(fields: readonly (string | null)[]): string[] {
  const names: string[] = [];
  const taken = new Set<string>();
  fields.forEach((field, i) => {
    const base = (field ?? '').trim() || `column${i}`;
    let name = base;
    for (let n = 1; taken.has(name); n += 1) name = `${base}_${n}`;
    taken.add(name);
    names.push(name);
  });
  return names;
}

/**
 * Looks at every byte of the file for what the engine's fast reader gets wrong: quotes (a
 * field that spans lines, a stray quote), carriage returns, and blank lines, which the reader
 * skips without counting. Searching bytes costs a fraction of parsing them.
 */
export async function scanCsvBytes(file: string): Promise<CsvBytes> {
  const found: CsvBytes = { quotes: false, carriageReturns: false, blankLine: false };
  let blankAt = -1;
  let lastText = -1;
  let offset = 0;
  let tail: Buffer = Buffer.alloc(0);
  const gzip = isGzip(file);
  const firstBlank = (bytes: Buffer, base: number): void => {
    for (const blank of BLANK_LINES) {
      const at = bytes.indexOf(blank);
      if (at >= 0 && (blankAt < 0 || base + at < blankAt)) blankAt = base + at;
    }
  };
  const visit = (chunk: Buffer): void => {
    if (!found.quotes && chunk.indexOf(0x22) >= 0) found.quotes = true;
    if (!found.carriageReturns && chunk.indexOf(0x0d) >= 0) found.carriageReturns = true;
    if (blankAt < 0) {
      // The seam with the previous chunk's last two bytes, then the chunk itself.
      firstBlank(Buffer.concat([tail, chunk.subarray(0, 2)]), offset - tail.length);
      firstBlank(chunk, offset);
    }
    for (let i = chunk.length - 1; i >= 0; i -= 1) {
      if (chunk[i] !== 0x0a && chunk[i] !== 0x0d) {
        lastText = offset + i;
        break;
      }
    }
    // A copy: the chunk's buffer is read into again.
    tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - 2)));
    offset += chunk.length;
  };
  if (gzip) {
    for await (const chunk of fileBytes(file) as AsyncIterable<Buffer>) visit(chunk);
  } else {
    const handle = await open(file);
    try {
      const buffer = Buffer.allocUnsafe(CHUNK);
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, CHUNK, offset);
        if (bytesRead === 0) break;
        visit(buffer.subarray(0, bytesRead));
      }
    } finally {
      await handle.close();
    }
  }
  // Blank lines after the last text change no line number.
  found.blankLine = blankAt >= 0 && blankAt < lastText;
  return found;
}
