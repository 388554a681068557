import { describe, expect, it } from 'vitest';
import { CsvRecordReader, type CsvBroken, type CsvRow } from '../../src/store/csv/csv-records.js';
import { Random } from '../../src/shared/random.js';
import { fuzzCsv } from './csv-fuzz-input.js';

const INPUTS = process.env['CLV_THOROUGH'] ? 10_000 : 1_000;

function read(chunks: readonly Buffer[], width: number | null, maxRecordBytes?: number) {
  const out: (CsvRow | CsvBroken)[] = [];
  const reader = new CsvRecordReader(
    { row: (row) => out.push(row), broken: (broken) => out.push(broken) },
    0x2c,
    width,
    maxRecordBytes,
  );
  for (const chunk of chunks) reader.push(chunk);
  reader.end();
  return out;
}

describe('the CSV record reader', () => {
  it(`reads ${INPUTS} fuzzed files the same whatever the chunks they arrive in`, () => {
    for (let n = 0; n < INPUTS; n += 1) {
      const { bytes } = fuzzCsv(7000 + n, `r${n}-`);
      const whole = read([bytes], 5);
      const random = new Random(n);
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length;) {
        const size = random.int(1, 64);
        chunks.push(bytes.subarray(at, at + size));
        at += size;
      }
      expect(read(chunks, 5), `input ${n}`).toEqual(whole);
    }
  });

  it('takes a quote left open past the longest record as a stray one, and reads on', () => {
    const text = Buffer.from(`a,"open\n${'x,y\n'.repeat(40)}b,c\n`);
    const out = read([text], 2, 64);
    expect(out[0]).toEqual({
      line: 1,
      reason: 'malformed row: a quote that never closes opens a field',
      text: 'a,"open',
    });
    expect(out.slice(1)).toHaveLength(41);
    expect(out.at(-1)).toEqual({ line: 42, fields: ['b', 'c'] });
  });

  it('counts LF, CRLF and a lone CR as line ends, and skips blank lines', () => {
    const out = read([Buffer.from('a,b\r\n\r\nc,d\re,f\n\ng,"h\ri"\nj,k')], 2);
    expect(out).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['c', 'd'] },
      { line: 4, fields: ['e', 'f'] },
      { line: 6, fields: ['g', 'h\ri'] },
      { line: 8, fields: ['j', 'k'] },
    ]);
  });
});
