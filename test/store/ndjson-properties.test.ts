import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../src/shared/random.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

/** Seeded files of odd lines: 40 by default, 1,000 with CLV_THOROUGH=1. */
const FILES = process.env['CLV_THOROUGH'] ? 1_000 : 40;
const LINES = 60;
const SEED = 0x9d_0a11;
/** What an events import consumes; the rest of a line is its properties. */
const CONSUMED = ['event_id', 'customer_id', 'type', 'timestamp', 'amount', 'currency'];

/** The project's seeded generator, as a function. */
function random(seed: number): () => number {
  const generator = new Random(seed);
  return () => generator.next();
}

const SCALARS = [
  'null',
  '0',
  '-0.0',
  '1e3',
  '1.50',
  '12345678901234567890',
  'true',
  'false',
  '""',
  '"null"',
  '" padded "',
  '"ünïcødé ✓"',
  '"a \\"quote\\" and \\\\ back"',
];
const KEYS = [...CONSUMED, 'sku', 'gift', 'tags', 'meta', 'x', 'null', 'é'];

/** A JSON value as text: scalars, arrays and objects with nulls at every depth. */
function value(next: () => number, depth: number): string {
  const pick = next();
  if (depth > 1 || pick < 0.6) return SCALARS[Math.floor(next() * SCALARS.length)] ?? 'null';
  if (pick < 0.8) {
    const items = Array.from({ length: Math.floor(next() * 3) }, () => value(next, depth + 1));
    return `[${items.join(',')}]`;
  }
  return members(next, depth + 1);
}

/** An object as text, its keys drawn with repeats (a repeated key is valid JSON text too). */
function members(next: () => number, depth: number): string {
  const count = Math.floor(next() * 5);
  const parts = Array.from({ length: count }, () => {
    const key = KEYS[Math.floor(next() * KEYS.length)] ?? 'x';
    return `${JSON.stringify(key)}:${value(next, depth)}`;
  });
  return `{${parts.join(',')}}`;
}

/** A line's top-level members, without and with a properties object of its own. */
function line(next: () => number): { bare: string; nested: string | null } {
  const own = members(next, 0).slice(1, -1);
  const properties = next() < 0.5 ? members(next, 0) : null;
  const join = (...parts: string[]): string => `{${parts.filter((p) => p !== '').join(',')}}`;
  return {
    bare: join(own),
    nested: properties === null ? null : join(own, `"properties":${properties}`),
  };
}

// The NDJSON staging takes a line's properties by a shortcut when it has no properties object
// (src/store/duckdb/staging/stage-ndjson.ts). An empty properties object changes no property
// but takes the long way: the same lines with one must give the same properties to the byte.
describe(`the properties of ${FILES * LINES} seeded odd NDJSON lines`, () => {
  let t: TempProject;
  beforeAll(async () => {
    t = await tempProject();
  });
  afterAll(() => t.cleanup());

  /** Each read line's properties, and the refused lines' numbers and reasons. */
  async function staged(text: string, tag: string) {
    const file = await t.file(`${tag}.ndjson`, text);
    const scratchDir = join(t.dir, '.clv', 'tmp');
    const staged = await t.warehouse.staging.file({ file, name: file, scratchDir }, 'ndjson', tag);
    try {
      const rows = await t.warehouse.query<{ p: string | null }>(
        `SELECT ${staged.properties(CONSUMED)}::VARCHAR AS p FROM ${staged.relation}
         ORDER BY __line`,
      );
      const broken = await t.warehouse.query<{ line: number; reason: string }>(
        `SELECT line, reason FROM ${staged.broken} ORDER BY line`,
      );
      return { properties: rows.map((row) => row.p), broken };
    } finally {
      await staged.drop();
    }
  }
  const properties = async (text: string, tag: string) => (await staged(text, tag)).properties;

  it('are the same with and without an empty properties object, nulls and repeats included', async () => {
    const seen = { lines: 0, withProperties: 0, empty: 0 };
    for (let n = 0; n < FILES; n += 1) {
      const next = random(SEED + n);
      const lines = Array.from({ length: LINES }, () => line(next));
      const bare = lines.map((l) => l.bare);
      const withEmpty = bare.map((l) =>
        l === '{}' ? '{"properties":{}}' : `${l.slice(0, -1)},"properties":{}}`,
      );
      const shortcut = await properties(`${bare.join('\n')}\n`, `bare${n}`);
      expect(
        await properties(`${withEmpty.join('\n')}\n`, `empty${n}`),
        `seed ${SEED + n}`,
      ).toEqual(shortcut);
      // The lines with a properties object of their own take the long way, every one read
      // or refused for a repeated key.
      const nested = lines.flatMap((l) => (l.nested === null ? [] : [l.nested]));
      const long = await staged(`${nested.join('\n')}\n`, `nested${n}`);
      expect(long.properties.length + long.broken.length).toBe(nested.length);
      for (const { reason } of long.broken) expect(reason).toMatch(/^repeated key "/);
      seen.lines += lines.length;
      seen.withProperties += nested.length;
      seen.empty += shortcut.filter((p) => p === null).length;
    }
    // The lines left properties and lines left none, both.
    expect(seen.empty).toBeGreaterThan(0);
    expect(seen.empty).toBeLessThan(seen.lines);
  });

  it('keeps the members an import does not consume, as the engine writes JSON', async () => {
    const text = [
      '{"event_id":"e1","sku":"A","gift":null,"amount":1e3,"n":1e3,"tags":[null,1]}',
      '{"event_id":"e2","meta":{"a":null,"b":1.50}}',
      '{"event_id":"e3","currency":"EUR"}',
    ].join('\n');
    expect(await properties(text, 'hand')).toEqual([
      '{"sku":"A","n":1000.0,"tags":[null,1]}',
      '{"meta":{"b":1.5}}',
      null,
    ]);
  });

  it('refuses a line that repeats a key, at either level, and reads the others', async () => {
    const text = [
      '{"event_id":"e1","sku":"first","sku":"second"}',
      '{"event_id":"e2","properties":{"gift":true,"gift":false}}',
      '{"event_id":"e3","sku":"top","properties":{"sku":"under"}}',
      '{"event_id":"e4","meta":{"a":1,"a":2}}',
    ].join('\n');
    const read = await staged(text, 'repeats');
    // A key under properties and at the top is no repeat: the top one wins, as for any field.
    expect(read.properties).toEqual(['{"sku":"top"}', '{"meta":{"a":1,"a":2}}']);
    expect(read.broken).toEqual([
      { line: 1, reason: 'repeated key "sku"' },
      { line: 2, reason: 'repeated key "gift"' },
    ]);
  });
});
