import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trimmedOrNull } from '../../src/store/duckdb/staging/trimmed-text.js';
import { Random } from '../../src/shared/random.js';
import { literal } from '../../src/store/sql-text.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

/** Seeded values: 2,000 by default, 20,000 with CLV_THOROUGH=1. */
const VALUES = process.env['CLV_THOROUGH'] === '1' ? 20_000 : 2_000;
/** Characters around and inside values: spaces of every kind, and what is not a space. */
const PIECES = [
  'a',
  'Z9',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r',
  '\u00a0', // no-break space
  '\u1680', // ogham space mark
  '\u2003', // em space
  '\u202f', // narrow no-break space
  '\u205f', // medium mathematical space
  '\u3000', // ideographic space
  '\u200b', // zero-width space, not a separator
  '\u0085', // next line, a control
  'é',
  '日本',
  '😀',
  'x'.repeat(14), // past the engine's 12-byte inline strings
];

describe('trimmedOrNull', () => {
  let t: TempProject;
  beforeAll(async () => {
    t = await tempProject();
  });
  afterAll(() => t.cleanup());

  it("gives what nullif(trim(v), '') gives on hand-picked values", async () => {
    const cases: [string | null, string | null][] = [
      [null, null],
      ['', null],
      ['   ', null],
      ['\u00a0', null],
      [' a ', 'a'],
      ['a b', 'a b'],
      ['\u3000C001\u00a0', 'C001'],
      ['\tC001', '\tC001'],
      ['C001\n', 'C001\n'],
      ['é ', 'é'],
    ];
    const rows = await t.query<{ got: string | null }>(
      `SELECT ${trimmedOrNull('v')} AS got
       FROM (VALUES ${cases.map(([v], i) => `(${i}, ${v === null ? 'NULL' : literal(v)})`).join(', ')}) AS c(i, v)
       ORDER BY i`,
    );
    expect(rows.map((row) => row.got)).toEqual(cases.map(([, want]) => want));
  });

  it(`agrees with nullif(trim(v), '') on ${VALUES.toLocaleString('en')} seeded odd values`, async () => {
    const random = new Random(0x7e1a);
    const values: string[] = [];
    for (let n = 0; n < VALUES; n++) {
      let value = '';
      for (let k = random.int(0, 5); k > 0; k--) value += PIECES[random.int(0, PIECES.length - 1)];
      values.push(value);
    }
    const [row] = await t.query<{ differ: number; trimmed: number; nulls: number }>(
      `WITH v AS (SELECT unnest(${literal(JSON.stringify(values))}::JSON::VARCHAR[]) AS v)
       SELECT count(*) FILTER (WHERE ${trimmedOrNull('v')} IS DISTINCT FROM nullif(trim(v), ''))
                AS differ,
              count(*) FILTER (WHERE trim(v) <> v) AS trimmed,
              count(*) FILTER (WHERE nullif(trim(v), '') IS NULL) AS nulls
       FROM v`,
    );
    expect(row?.differ).toBe(0);
    // The values reach both ways: some are trimmed, some come to nothing.
    expect(row?.trimmed).toBeGreaterThan(VALUES / 10);
    expect(row?.nulls).toBeGreaterThan(VALUES / 100);
  });
});
