import { Random } from '../../src/shared/random.js';

/** What must become of one record of a generated file. */
export interface ExpectedRecord {
  /** The line the record starts on (the header is line 1). */
  line: number;
  outcome: 'stored' | 'duplicate' | 'broken' | 'invalid';
  eventId: string;
  customer: string | null;
  note: string | null;
}

export interface FuzzFile {
  bytes: Buffer;
  records: ExpectedRecord[];
  /** Whether the file has nothing the engine's fast reader misreads (for coverage counts). */
  plain: boolean;
}

const HEADER = ['event_id', 'customer_id', 'type', 'timestamp', 'note'];

/**
 * A seeded odd events CSV and what must become of each record. Records are good (with quoted
 * fields holding the delimiter, doubled quotes, line breaks, accents and emoji), repeated,
 * invalid (no customer id), or broken: a stray quote opening a field and never closing, a
 * stray quote inside a field, text after a closing quote, the wrong number of fields, bytes
 * that are not UTF-8. Between them: blank lines, LF or CRLF (sometimes mixed), a byte order
 * mark, no final line break. A quoted field's text never starts with a quote, the delimiter
 * or a line break, so that the first quote after a stray one is always followed by text and
 * the stray quote is unambiguous: its line alone is broken.
 */
export function fuzzCsv(seed: number, prefix: string): FuzzFile {
  const random = new Random(seed);
  const plain = random.chance(0.35);
  const crlf = random.chance(0.25);
  const mixed = !plain && random.chance(0.1);
  const quoteAll = random.chance(0.2);
  const parts: Buffer[] = [];
  const eol = (): string => (mixed ? (random.chance(0.5) ? '\r\n' : '\n') : crlf ? '\r\n' : '\n');
  let line = 1;
  const add = (text: string | Buffer): void => {
    parts.push(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
  };
  if (!plain && random.chance(0.1)) add('\ufeff');
  add(HEADER.map((name) => cell(name, quoteAll)).join(',') + eol());
  line += 1;
  const records: ExpectedRecord[] = [];
  const count = random.int(1, 30);
  for (let k = 0; k < count; k += 1) {
    if (!plain && random.chance(0.06)) {
      add(eol());
      line += 1;
    }
    const last = k === count - 1;
    const end = last && random.chance(0.3) ? '' : eol();
    const eventId = `${prefix}e${k}`;
    const day = `2024-01-${String(1 + (k % 28)).padStart(2, '0')}`;
    const roll = plain ? random.next() * 0.7 : random.next();
    const good = (
      customer: string | null,
      note: string | null,
      outcome: ExpectedRecord['outcome'],
    ) => {
      const noteCell = note === null ? '' : cell(note, quoteAll || needsQuotes(note));
      const customerCell =
        customer === null ? '' : cell(customer, quoteAll || needsQuotes(customer));
      const text = [
        cell(eventId, quoteAll),
        customerCell,
        cell('visit', quoteAll),
        cell(day, quoteAll),
        noteCell,
      ].join(',');
      records.push({ line, outcome, eventId, customer, note });
      add(text + end);
      line += 1 + lineBreaks(note) + lineBreaks(customer);
    };
    if (roll < 0.6) {
      good(customerOf(random, k, plain), noteOf(random, plain), 'stored');
    } else if (roll < 0.65 && records.some((r) => r.outcome === 'stored')) {
      // The same event again, as an overlapping export would have it: stored once.
      const earlier = records.find((r) => r.outcome === 'stored');
      if (!earlier) continue;
      const text = [earlier.eventId, cell(earlier.customer ?? '', true), 'visit', day, ''].join(
        ',',
      );
      records.push({ ...earlier, line, outcome: 'duplicate', note: null });
      add(text + end);
      line += 1 + lineBreaks(earlier.customer);
    } else if (roll < 0.7) {
      good(null, noteOf(random, plain), 'invalid');
    } else {
      records.push({ line, outcome: 'broken', eventId, customer: null, note: null });
      add(brokenLine(random, eventId, day));
      add(end);
      line += 1;
    }
  }
  if (!plain && random.chance(0.2)) add(eol());
  return { bytes: Buffer.concat(parts), records, plain };
}

function customerOf(random: Random, k: number, plain: boolean): string {
  if (plain) return `c${k}`;
  const options = [`c${k}`, `c${k}, Ltd`, `c${k} "the" best`, `Zoë ${k} ☕`, `c${k}\nline two`];
  return options[random.int(0, options.length - 1)] ?? `c${k}`;
}

function noteOf(random: Random, plain: boolean): string | null {
  const options = plain
    ? ['plain', null, 'x y']
    : ['plain', null, 'hello, world', 'say "hi"', 'a\nb', 'a\r\nb\nc', '😀 ü', 'tab\there'];
  return options[random.int(0, options.length - 1)] ?? null;
}

/** A line no reader may take as a record, and which spoils no other line. */
function brokenLine(random: Random, eventId: string, day: string): string | Buffer {
  switch (random.int(0, 5)) {
    case 0:
      return `${eventId},"C${eventId},visit,${day},stray opening quote`;
    case 1:
      return `${eventId},C"${eventId},visit,${day},quote inside`;
    case 2:
      return `${eventId},"C${eventId}"x,visit,${day},text after the closing quote`;
    case 3:
      return `${eventId},c1,visit,${day},note,one too many`;
    case 4:
      return `${eventId},c1,visit`;
    default:
      return Buffer.concat([
        Buffer.from(`${eventId},c1,visit,${day},`),
        Buffer.from([0xff, 0xfe, 0x41]),
      ]);
  }
}

function needsQuotes(text: string): boolean {
  return /[",\r\n]/.test(text);
}

function cell(text: string, quoted: boolean): string {
  return quoted ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Line breaks inside a value: LF and CRLF count once each. */
function lineBreaks(text: string | null): number {
  return text === null ? 0 : (text.match(/\r\n|\n|\r/g) ?? []).length;
}
