import { isUtf8 } from 'node:buffer';

/** A record of a CSV file: its fields (null when empty) and the line it starts on. */
export interface CsvRow {
  line: number;
  fields: (string | null)[];
}

/** A line that is not a record: its number, why, and its text. */
export interface CsvBroken {
  line: number;
  reason: string;
  text: string;
}

export interface CsvSink {
  row(row: CsvRow): void;
  broken(broken: CsvBroken): void;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const EMPTY = Buffer.alloc(0);

/** The engine's reader refuses longer lines; a quoted field open for longer is a stray quote. */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

type Step =
  | { kind: 'more' }
  | { kind: 'blank'; next: number }
  | { kind: 'record'; fields: (string | null)[]; next: number; lines: number; spanning: number }
  | { kind: 'error'; reason: string };

/**
 * Reads CSV (RFC 4180: fields split by a delimiter, `"` quotes a field, `""` is a quote in
 * it) from chunks of bytes, and gives each record with the line it starts on. Lines end with
 * LF, CRLF or a lone CR; blank lines are skipped. A record spans lines only inside a quoted
 * field. What is not a record is one broken line, and reading goes on with the next line, so a
 * stray quote costs its own line and no other:
 *
 * - a quote inside an unquoted field, text after a closing quote, or a quote that never
 *   closes: the line where the record starts is broken;
 * - a record with the wrong number of fields: broken; when it spans lines, its quoted field
 *   was a stray quote that happened to close later, so only its first line is broken;
 * - bytes that are not UTF-8: the line is broken.
 */
export class CsvRecordReader {
  private pending: Buffer = EMPTY;
  /** Line number of the first byte of `pending`, which always starts a line. */
  private line = 1;

  constructor(
    private readonly sink: CsvSink,
    private readonly delimiter: number,
    /** Fields every record must have; null takes any number (while reading the header). */
    public width: number | null,
    private readonly maxRecordBytes = MAX_RECORD_BYTES,
  ) {}

  /** Reads what it can of `chunk` and keeps the rest for the next one. */
  push(chunk: Buffer): void {
    const data = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    this.pending = data.subarray(this.read(data, false));
  }

  /** Reads the rest: the input has ended. */
  end(): void {
    this.read(this.pending, true);
    this.pending = EMPTY;
  }

  /** The line the next record starts on (after `end`, one past the last line). */
  get nextLine(): number {
    return this.line;
  }

  /** Reads records from the start of `data`; returns where the unread rest begins. */
  private read(data: Buffer, final: boolean): number {
    let p = 0;
    while (p < data.length) {
      const step = this.record(data, p, final);
      if (step.kind === 'more') {
        // A quoted field that stays open this long was opened by a stray quote.
        if (data.length - p <= this.maxRecordBytes) return p;
        const next = this.breakLine(data, p, final, 'a quote that never closes opens a field');
        if (next < 0) return p;
        p = next;
        continue;
      }
      if (step.kind === 'error') {
        const next = this.breakLine(data, p, final, step.reason);
        if (next < 0) return p;
        p = next;
        continue;
      }
      if (step.kind === 'blank') {
        this.line += 1;
        p = step.next;
        continue;
      }
      if (!isUtf8(data.subarray(p, step.next))) {
        const next = this.breakLine(data, p, final, 'malformed row: the text is not UTF-8');
        if (next < 0) return p;
        p = next;
        continue;
      }
      const count = step.fields.length;
      if (this.width !== null && count !== this.width) {
        const reason =
          step.lines === 1
            ? `malformed row: ${plural(count, 'field')} where the header has ${this.width}`
            : `malformed row: the quote opening column ${step.spanning} closes ${plural(step.lines - 1, 'line')} later, which leaves ${plural(count, 'field')} where the header has ${this.width}`;
        if (step.lines === 1) {
          this.sink.broken({ line: this.line, reason, text: lineText(data, p, step.next) });
          this.line += 1;
          p = step.next;
        } else {
          const next = this.breakLine(data, p, final, reason);
          if (next < 0) return p;
          p = next;
        }
        continue;
      }
      this.sink.row({ line: this.line, fields: step.fields });
      this.line += step.lines;
      p = step.next;
    }
    return p;
  }

  /**
   * Gives the line at `p` as broken and returns where the next line starts, or -1 when its end
   * is not read yet.
   */
  private breakLine(data: Buffer, p: number, final: boolean, reason: string): number {
    const end = lineEnd(data, p, final);
    if (end < 0) return -1;
    const text = lineText(data, p, end);
    this.sink.broken({
      line: this.line,
      reason: reason.startsWith('malformed row') ? reason : `malformed row: ${reason}`,
      text,
    });
    this.line += 1;
    return end;
  }

  /** Parses the record that starts at `p`, the start of a line. */
  private record(data: Buffer, p: number, final: boolean): Step {
    const first = data[p];
    if (first === LF) return { kind: 'blank', next: p + 1 };
    if (first === CR) {
      if (p + 1 === data.length && !final) return { kind: 'more' };
      return { kind: 'blank', next: data[p + 1] === LF ? p + 2 : p + 1 };
    }
    const fields: (string | null)[] = [];
    let lines = 1;
    let spanning = 0;
    let i = p;
    for (;;) {
      const column = fields.length + 1;
      let end: number;
      if (data[i] === QUOTE) {
        const quoted = this.quoted(data, i, final);
        if (quoted.kind !== 'field') {
          return quoted.kind === 'more'
            ? quoted
            : { kind: 'error', reason: `${quoted.reason} column ${column}` };
        }
        fields.push(quoted.text === '' ? null : quoted.text);
        if (quoted.lines > 0 && spanning === 0) spanning = column;
        lines += quoted.lines;
        end = quoted.end;
      } else {
        end = i;
        while (end < data.length) {
          const byte = data[end];
          if (byte === this.delimiter || byte === LF || byte === CR) break;
          if (byte === QUOTE) {
            return { kind: 'error', reason: `a stray quote inside column ${column}` };
          }
          end += 1;
        }
        if (end === data.length && !final) return { kind: 'more' };
        fields.push(end === i ? null : data.toString('utf8', i, end));
      }
      // `end` is just past the field.
      if (end === data.length) return { kind: 'record', fields, next: end, lines, spanning };
      const byte = data[end];
      if (byte === this.delimiter) {
        i = end + 1;
        continue;
      }
      if (byte === LF) return { kind: 'record', fields, next: end + 1, lines, spanning };
      if (byte === CR) {
        if (end + 1 === data.length && !final) return { kind: 'more' };
        const next = data[end + 1] === LF ? end + 2 : end + 1;
        return { kind: 'record', fields, next, lines, spanning };
      }
      // Unreachable: a field ends at a delimiter, a line end or the end of the input.
      return { kind: 'error', reason: `an unexpected character after column ${column}` };
    }
  }

  /** A quoted field from the quote at `i`: its text, the lines it spans, where it ends. */
  private quoted(
    data: Buffer,
    i: number,
    final: boolean,
  ):
    | { kind: 'field'; text: string; end: number; lines: number }
    | { kind: 'more' }
    | { kind: 'error'; reason: string } {
    let from = i + 1;
    let text = '';
    for (;;) {
      const close = data.indexOf(QUOTE, from);
      if (close < 0) {
        return final
          ? { kind: 'error', reason: 'a quote that never closes opens' }
          : { kind: 'more' };
      }
      if (close + 1 === data.length && !final) return { kind: 'more' };
      if (data[close + 1] === QUOTE) {
        text += `${data.toString('utf8', from, close)}"`;
        from = close + 2;
        continue;
      }
      text += data.toString('utf8', from, close);
      const after = close + 1;
      const lines = countLines(data, i + 1, close);
      if (after < data.length) {
        const byte = data[after];
        if (byte !== this.delimiter && byte !== LF && byte !== CR) {
          // Closed on a later line, the quote was a stray one that opened the field.
          return {
            kind: 'error',
            reason: lines > 0 ? 'a stray quote opens' : 'text after the closing quote of',
          };
        }
      }
      return { kind: 'field', text, end: after, lines };
    }
  }
}

/** Where the line starting at `p` ends (past its LF, CRLF or CR); -1 when not read yet. */
function lineEnd(data: Buffer, p: number, final: boolean): number {
  for (let i = p; i < data.length; i += 1) {
    const byte = data[i];
    if (byte === LF) return i + 1;
    if (byte === CR) {
      if (i + 1 === data.length) return final ? i + 1 : -1;
      return data[i + 1] === LF ? i + 2 : i + 1;
    }
  }
  return final ? data.length : -1;
}

/** The text of a line without its ending; bytes that are not UTF-8 become U+FFFD. */
function lineText(data: Buffer, p: number, end: number): string {
  let stop = end;
  while (stop > p && (data[stop - 1] === LF || data[stop - 1] === CR)) stop -= 1;
  return data.toString('utf8', p, stop);
}

/** Line breaks between `from` and `to`: LF, CRLF and a lone CR each count once. */
function countLines(data: Buffer, from: number, to: number): number {
  let lines = 0;
  for (let i = from; i < to; i += 1) {
    const byte = data[i];
    if (byte === LF) lines += 1;
    else if (byte === CR && data[i + 1] !== LF) lines += 1;
  }
  return lines;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
