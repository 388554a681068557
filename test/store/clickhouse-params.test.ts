import { Session } from 'chdb';
import { afterAll, describe, expect, it } from 'vitest';
import { Random } from '../../src/shared/random.js';
import { bindForClickHouse } from '../../src/store/clickhouse/clickhouse-params.js';
import type { SqlValue } from '../../src/store/sql-params.js';
import { clickHouseRows } from '../helpers/clickhouse-rows.js';

// 2,000 generated statements by default, 50,000 with CLV_THOROUGH=1.
const STATEMENTS = process.env['CLV_THOROUGH'] === '1' ? 50_000 : 2_000;
const SEED = 20_261_208;

describe("DuckDB's $name parameters bound as ClickHouse's {name:Type}", () => {
  const session = new Session();
  afterAll(() => session.cleanup());
  const run = (sql: string, params: Record<string, SqlValue>) =>
    clickHouseRows(session, sql, params);

  it('types each placeholder by its value, and ClickHouse reads them back as given', () => {
    const values = { a: 'x', b: 3, c: 2.5, d: true, e: null, f: ['p', 'q'] };
    expect(
      bindForClickHouse('SELECT $a, $b, $c, $d, $e, $f, $a', { ...values, unused: 1 }),
    ).toEqual({
      sql: 'SELECT {a:Nullable(String)}, {b:Int64}, {c:Float64}, {d:Bool}, {e:Nullable(String)}, {f:Array(String)}, {a:Nullable(String)}',
      params: values,
    });
    expect(
      run('SELECT $a, $b, $c, $d, $e, $f, $day::DATE, $none::DATE, $quote', {
        ...values,
        day: '2026-12-07',
        none: null,
        quote: "it's {a:String} $a; DROP TABLE t",
      }),
    ).toEqual([
      ['x', 3, 2.5, true, null, ['p', 'q'], '2026-12-07', null, "it's {a:String} $a; DROP TABLE t"],
    ]);
  });

  it('leaves $ inside literals, quoted names and comments alone', () => {
    const sql = `SELECT '$a', 'it''s $a', 'back\\'s $a', "$a" AS "x$a", \`$a\` -- $a
      /* $a */ FROM t WHERE v = $a`;
    expect(bindForClickHouse(sql, { a: 'v' }).sql).toBe(
      `SELECT '$a', 'it''s $a', 'back\\'s $a', "$a" AS "x$a", \`$a\` -- $a
      /* $a */ FROM t WHERE v = {a:Nullable(String)}`,
    );
  });

  it('refuses a $name with no value and a $ that names nothing', () => {
    expect(() => bindForClickHouse('SELECT $missing', { other: 1 })).toThrow(
      'no value bound for $missing',
    );
    expect(() => bindForClickHouse('SELECT $ + 1', {})).toThrow('names no parameter');
    expect(() => bindForClickHouse('SELECT $constructor', {})).toThrow('no value bound');
  });

  it(`rewrites exactly the placeholders of ${STATEMENTS} generated statements`, () => {
    const random = new Random(SEED);
    const pick = <T>(items: readonly T[]): T => items[random.int(0, items.length - 1)] as T;
    const names = ['a', 'b1', '_c', 'day', 'ids'];
    const params: Record<string, SqlValue> = { a: 'x', b1: 7, _c: 0.5, day: null, ids: ['1'] };
    const typed: Record<string, string> = {
      a: 'Nullable(String)',
      b1: 'Int64',
      _c: 'Float64',
      day: 'Nullable(String)',
      ids: 'Array(String)',
    };
    // Pieces of text that hold `$` and quotes in every place that is not a placeholder.
    const quotedText = (): string => {
      const inner = Array.from({ length: random.int(0, 4) }, () =>
        pick(['$a', "''", '\\\\', "\\'", '--', '/*', 'x', ' ', '"', '`']),
      ).join('');
      return `'${inner}'`;
    };
    for (let n = 0; n < STATEMENTS; n++) {
      let sql = '';
      let expected = '';
      for (let piece = random.int(1, 12); piece > 0; piece--) {
        const kind = random.int(0, 6);
        if (kind === 0) {
          const name = pick(names);
          // Followed by a blank: a name ends where the next piece would not continue it.
          sql += `$${name} `;
          expected += `{${name}:${typed[name]}} `;
          continue;
        }
        const text =
          kind === 1
            ? quotedText()
            : kind === 2
              ? `"id $${pick(names)} ""q"""`
              : kind === 3
                ? `-- $${pick(names)} '\n`
                : kind === 4
                  ? `/* $${pick(names)} ' " */`
                  : pick([' ', ', ', '(', ')', '=', '::DATE', 'x', '$a'.slice(1)]);
        sql += text;
        expected += text;
      }
      expect(bindForClickHouse(sql, params).sql, sql).toBe(expected);
    }
  });
});
