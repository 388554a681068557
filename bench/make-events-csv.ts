import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const EVENTS_HEADER =
  'event_id,customer_id,type,timestamp,order_id,amount,currency,status,category,action,channel';

const DAY_MS = 86_400_000;
const START = Date.UTC(2022, 0, 1);
/** Three years, 2022-01-01 up to 2024-12-31 (2024 is a leap year). */
const DAYS = 3 * 365 + 1;

export interface EventsFile {
  file: string;
  bytes: number;
  rows: number;
  /** True when this call wrote the file; false when it came from the cache. */
  generated: boolean;
  /** Seconds spent writing it (0 when cached). */
  seconds: number;
}

/** Path of the cached events file for a row count. */
export function eventsCsvPath(cacheDir: string, rows: number): string {
  return join(cacheDir, `events-${rows}.csv`);
}

/**
 * Returns an events CSV of `rows` rows, writing it once into `cacheDir`: 85 % purchases (a few
 * canceled or returned), the rest consent and campaign events, rows/10 customers, timestamps
 * spread over three years. The content depends on `rows` only (deterministic PRNG).
 */
export async function makeEventsCsv(cacheDir: string, rows: number): Promise<EventsFile> {
  const file = eventsCsvPath(cacheDir, rows);
  const cached = await stat(file).catch(() => null);
  if (cached?.isFile()) return { file, bytes: cached.size, rows, generated: false, seconds: 0 };

  await mkdir(cacheDir, { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  const started = performance.now();
  const fd = openSync(partial, 'w');
  try {
    writeRows(fd, rows);
  } catch (error) {
    closeSync(fd);
    await rm(partial, { force: true });
    throw error;
  }
  closeSync(fd);
  await rename(partial, file);
  const seconds = (performance.now() - started) / 1000;
  const { size } = await stat(file);
  return { file, bytes: size, rows, generated: true, seconds };
}

function writeRows(fd: number, rows: number): void {
  const next = mulberry32(0x5eed_c1f0 ^ rows);
  const out = new ByteWriter(fd, WRITE_BYTES);
  const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');
  const dayPrefix = Array.from({ length: DAYS }, (_, d) =>
    bytes(new Date(START + d * DAY_MS).toISOString().slice(0, 11)),
  );
  const purchase = bytes(',purchase,');
  const successTail = bytes(',EUR,success,,,\n');
  const canceledTail = bytes(',EUR,canceled,,,\n');
  const returnedTail = bytes(',EUR,returned,,,\n');
  const consent = bytes(',consent,');
  const consentTail = bytes(',,,,,newsletter,accept,\n');
  const campaign = bytes(',campaign,');
  const campaignTail = bytes(',,,,,,opened,email\n');
  const customers = Math.max(1, Math.round(rows / 10));
  // Thresholds on a uint32 draw.
  const purchaseBelow = 0.85 * 2 ** 32;
  const consentBelow = 0.925 * 2 ** 32;
  const successBelow = 0.97 * 2 ** 32;
  const canceledBelow = 0.99 * 2 ** 32;

  out.put(bytes(`${EVENTS_HEADER}\n`));
  let order = 0;
  for (let i = 1; i <= rows; i += 1) {
    const customer = 1 + (next() % customers);
    const second = next() % 86_400;
    const day = dayPrefix[next() % DAYS];
    const type = next();
    out.char(CHAR_E);
    out.int(i);
    out.char(CHAR_COMMA);
    out.char(CHAR_C);
    out.int(customer);
    out.put(type < purchaseBelow ? purchase : type < consentBelow ? consent : campaign);
    // 2024-03-05T14:22:10Z
    out.put(day);
    out.two((second / 3600) | 0);
    out.char(CHAR_COLON);
    out.two(((second % 3600) / 60) | 0);
    out.char(CHAR_COLON);
    out.two(second % 60);
    out.char(CHAR_Z);
    if (type < purchaseBelow) {
      order += 1;
      out.char(CHAR_COMMA);
      out.char(CHAR_O);
      out.int(order);
      out.char(CHAR_COMMA);
      // 5.00 to 300.00, skewed towards small baskets.
      const u = next() / 2 ** 32;
      const cents = 500 + Math.floor(u * u * 29_500);
      out.int((cents / 100) | 0);
      out.char(CHAR_DOT);
      out.two(cents % 100);
      const s = next();
      out.put(s < successBelow ? successTail : s < canceledBelow ? canceledTail : returnedTail);
    } else {
      out.put(type < consentBelow ? consentTail : campaignTail);
    }
  }
  out.flush();
}

const WRITE_BYTES = 8 * 1024 * 1024;
const CHAR_E = 0x65;
const CHAR_C = 0x63;
const CHAR_O = 0x6f;
const CHAR_Z = 0x5a;
const CHAR_COMMA = 0x2c;
const CHAR_COLON = 0x3a;
const CHAR_DOT = 0x2e;
const CHAR_0 = 0x30;

/** ASCII written straight into a large buffer, flushed to the file when nearly full. */
class ByteWriter {
  private readonly buffer: Buffer;
  private pos = 0;
  private readonly digits = new Uint8Array(20);

  constructor(
    private readonly fd: number,
    size: number,
  ) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  put(bytes: Uint8Array | undefined): void {
    if (!bytes) return;
    if (this.pos + bytes.length > this.buffer.length) this.flush();
    this.buffer.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  char(code: number): void {
    if (this.pos >= this.buffer.length) this.flush();
    this.buffer[this.pos++] = code;
  }

  /** Two digits, zero-padded: 0 to 99. */
  two(n: number): void {
    this.char(CHAR_0 + ((n / 10) | 0));
    this.char(CHAR_0 + (n % 10));
  }

  /** A non-negative safe integer in decimal. */
  int(n: number): void {
    let count = 0;
    let rest = n;
    do {
      this.digits[count++] = CHAR_0 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0 && count < this.digits.length);
    if (this.pos + count > this.buffer.length) this.flush();
    while (count > 0) this.buffer[this.pos++] = this.digits[--count] ?? CHAR_0;
  }

  /** Writes out what is buffered; a short write is resumed, a write of nothing is an error. */
  flush(): void {
    let offset = 0;
    while (offset < this.pos) {
      const written = writeSync(this.fd, this.buffer, offset, this.pos - offset);
      if (written <= 0) throw new Error('the events file could not be written (0 bytes written)');
      offset += written;
    }
    this.pos = 0;
  }
}

/** A small, fast, deterministic PRNG yielding unsigned 32-bit integers. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}
