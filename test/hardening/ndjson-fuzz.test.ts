import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../src/shared/random.js';
import { importFile } from '../../src/ingest/import-file.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

/** Seeded files of odd lines: 30 by default, 1,000 with CLV_THOROUGH=1. */
const FILES = process.env['CLV_THOROUGH'] ? 1_000 : 30;
const LINES = 40;
const SEED = 0x0dd_1e5;

/** The project's seeded generator, as a function. */
function random(seed: number): () => number {
  const generator = new Random(seed);
  return () => generator.next();
}

type Outcome = 'stored' | 'repeated' | 'refused' | 'any';

interface Line {
  text: string;
  /** Its number in the file, blank lines counted. */
  number?: number;
  /** What must become of it: stored (with `eventId` and `amount`), refused, or anything but a failed import. */
  outcome: Outcome;
  eventId?: string;
  amount?: number;
}

/** Keys no event type consumes, so that they stay properties whatever their values. */
const EXTRA_KEYS = ['sku', 'gift', 'tags', 'meta', 'x', 'é', 'null', 'a.b', '"q"', ' sp '];
const ODD_VALUES = [
  'null',
  '0',
  '-0.0',
  '1e3',
  '1e400',
  '-1e-400',
  '12345678901234567890',
  'true',
  '""',
  '"\\u0000"',
  '"\\ud83d\\ude00"',
  '"line\\nbreak"',
  '"ünïcødé ✓"',
  '[null,[1,{"a":null}]]',
  '{"deep":{"deeper":{"deepest":[1,2,{"k":null}]}}}',
];

function pick<T>(next: () => number, items: readonly T[]): T {
  const item = items[Math.floor(next() * items.length)];
  if (item === undefined) throw new Error('nothing to pick');
  return item;
}

function extras(next: () => number): string[] {
  return Array.from({ length: Math.floor(next() * 4) }, () => {
    const key = pick(next, EXTRA_KEYS);
    return `${JSON.stringify(key)}:${pick(next, ODD_VALUES)}`;
  });
}

/** A purchase that must be stored: its own id, a plain amount, and odd properties. */
function goodLine(next: () => number, id: string): Line {
  const amount = Math.round(next() * 100_000) / 100;
  const own = [
    `"event_id":${JSON.stringify(id)}`,
    `"customer_id":"c${Math.floor(next() * 5)}"`,
    '"type":"purchase"',
    `"timestamp":"2024-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}T10:00:00Z"`,
    `"order_id":${JSON.stringify(`o-${id}`)}`,
    `"amount":${amount}`,
    '"currency":"EUR"',
  ];
  // Extra keys are drawn with repeats: a line keeps them apart or is refused for repeating one.
  const top = extras(next);
  const under = next() < 0.4 ? extras(next) : null;
  // A repeated key whose members are all non-null must be refused; where one is null, the
  // null counts as absent at the top level and not under properties: that case is not asserted.
  const entries = (parts: string[]) =>
    parts.flatMap((part) => Object.entries(JSON.parse(`{${part}}`) as Record<string, unknown>));
  const repeated = (parts: string[]) => {
    const all = entries(parts);
    const names = all.map(([name]) => name);
    return all.filter(([name]) => names.indexOf(name) !== names.lastIndexOf(name));
  };
  // A key at the top replaces (or, null, removes) every member of that name under properties.
  const fate = (parts: string[], above: string[] = []): 'none' | 'refused' | 'unsure' => {
    const covered = new Set(entries(above).map(([name]) => name));
    const members = repeated(parts).filter(([name]) => !covered.has(name));
    if (members.length === 0) return 'none';
    return members.some(([, value]) => value === null) ? 'unsure' : 'refused';
  };
  const members = [...own, ...top];
  if (under !== null) members.push(`"properties":{${under.join(',')}}`);
  const spaced = next() < 0.2 ? ` \t${members.join(' , ')}\t ` : members.join(',');
  const text = `{${spaced}}${next() < 0.2 ? '\r' : ''}`;
  const fates = [fate(top), under === null ? 'none' : fate(under, top)];
  const outcome: Outcome = fates.includes('unsure')
    ? 'any'
    : fates.includes('refused')
      ? 'repeated'
      : 'stored';
  return { text, outcome, eventId: id, amount };
}

/** A line that is refused, for its JSON or for what it holds. */
function refusedLine(next: () => number, id: string): Line {
  const purchase = `"event_id":"${id}","customer_id":"c1","type":"purchase","timestamp":"2024-01-01T00:00:00Z","order_id":"o-${id}","currency":"EUR"`;
  const text = pick(next, [
    `{${purchase},"amount":12.5`,
    `{'event_id':'${id}'}`,
    `{${purchase},"amount":NaN}`,
    `{${purchase},"amount":Infinity}`,
    `{${purchase},"amount":1e400}`,
    `{${purchase},"amount":"twelve"}`,
    `{${purchase},"amount":{"v":1}}`,
    `[{${purchase},"amount":1}]`,
    '"just text"',
    '42',
    'null',
    `{"event_id":"${id}","customer_id":"c1","type":"purchase","timestamp":12345,"order_id":"o","amount":1,"currency":"EUR"}`,
    `{"event_id":"${id}","customer_id":"c1","type":"purchase","timestamp":"not a time","order_id":"o","amount":1,"currency":"EUR"}`,
    `{"event_id":"${id}","customer_id":null,"type":"purchase","timestamp":"2024-01-01T00:00:00Z","order_id":"o","amount":1,"currency":"EUR"}`,
    `{${purchase},"amount":1,"amount":2}`,
  ]);
  return { text, outcome: text.includes('"amount":1,"amount":2') ? 'repeated' : 'refused' };
}

/** A line whose fate is not asserted, only that the import survives it and counts it. */
function oddLine(next: () => number, id: string): Line {
  const text = pick(next, [
    // The engine's JSON reading takes a trailing comma, where JSON.parse would not.
    `{"event_id":"${id}","customer_id":"c1","type":"visit","timestamp":"2024-01-01T00:00:00Z",}`,
    `{"event_id":${Math.floor(next() * 1000)},"customer_id":"c1","type":"visit","timestamp":"2024-01-01T00:00:00Z"}`,
    `{"event_id":"${id}","customer_id":["c1"],"type":"visit","timestamp":"2024-01-01T00:00:00Z"}`,
    `{"event_id":"${id}","customer_id":"c1","type":"visit","timestamp":"2024-01-01T00:00:00Z","properties":${'{"n":'.repeat(60)}1${'}'.repeat(60)}}`,
    `{"event_id":"${id}","customer_id":"c1","type":"visit","timestamp":"2024-01-01","note":"${'x'.repeat(20_000)}"}`,
    `{"event_id":"${id}","customer_id":"c1","type":"survey","timestamp":"2024-01-01T00:00:00Z","score":${pick(next, ['11', '-1', '7.5', '"7"', 'null'])}}`,
    `{"event_id":"${id}","customer_id":"c1","type":"${pick(next, ['', ' ', 'PURCHASE', 'consent', 'campaign'])}","timestamp":"2024-01-01T00:00:00Z"}`,
  ]);
  return { text, outcome: 'any' };
}

function fuzzFile(seed: number, prefix: string): { lines: Line[]; bytes: string } {
  const next = random(seed);
  const lines: Line[] = [];
  const parts: string[] = [];
  for (let i = 0; i < LINES; i += 1) {
    const id = `${prefix}${i}`;
    const kind = next();
    const line =
      kind < 0.5 ? goodLine(next, id) : kind < 0.8 ? refusedLine(next, id) : oddLine(next, id);
    parts.push(line.text);
    lines.push({ ...line, number: parts.length });
    // Blank and white lines between records are skipped, not counted.
    if (next() < 0.1) parts.push(next() < 0.5 ? '' : ' \t ');
  }
  return { lines, bytes: `${parts.join('\n')}${next() < 0.5 ? '\n' : ''}` };
}

// The import's promise for NDJSON as for CSV: one bad line is one rejected row with its reason,
// never a failed import, and every line is accounted for once.
describe(`importing ${FILES} seeded odd NDJSON files of ${LINES} lines`, () => {
  let t: TempProject;
  beforeAll(async () => {
    t = await tempProject();
  });
  afterAll(() => t.cleanup());

  it(
    'stores the good lines, refuses the bad ones with a reason, and counts every one once',
    async () => {
      const totals = { stored: 0, refused: 0, repeated: 0, odd: 0 };
      for (let n = 0; n < FILES; n += 1) {
        const prefix = `n${n}-`;
        const context = `file ${n} (seed ${SEED + n})`;
        const { lines, bytes } = fuzzFile(SEED + n, prefix);
        const file = await t.file(`fuzz-${n % 4}.ndjson`, bytes);
        const summary = await importFile(t.warehouse, t.project, { file, kind: 'events' });
        expect(summary.read, context).toBe(LINES);
        expect(summary.inserted + summary.duplicates + summary.rejected, context).toBe(LINES);
        const rejects = await t.rejects(summary.rejectsFile);
        expect(rejects.length, context).toBe(summary.rejected);
        const refusedAt = new Map(rejects.map((r) => [r.line, r.reason]));
        const stored = new Map(
          (
            await t.warehouse.query<{ id: string; amount: number | null }>(
              `SELECT event_id AS id, amount FROM events WHERE starts_with(event_id, $prefix)`,
              { prefix },
            )
          ).map((row) => [row.id, row.amount]),
        );
        lines.forEach((line) => {
          const at = `${context}, line ${line.number ?? 0}: ${line.text.slice(0, 400)}`;
          if (line.outcome === 'stored') {
            expect(stored.get(line.eventId ?? ''), at).toBe(line.amount);
            totals.stored += 1;
          } else if (line.outcome === 'repeated') {
            expect(refusedAt.get(line.number ?? 0) ?? '', at).toMatch(/^repeated key "/);
            totals.repeated += 1;
          } else if (line.outcome === 'refused') {
            expect(refusedAt.get(line.number ?? 0), at).toBeTruthy();
            totals.refused += 1;
          } else totals.odd += 1;
        });
      }
      const [bad] = await t.warehouse.query<{ n: number }>(
        `SELECT count(*) AS n FROM events
         WHERE NOT isfinite(amount) OR NOT isfinite(original_amount) OR NOT isfinite(survey_score)`,
      );
      expect(bad?.n).toBe(0);
      console.log(`NDJSON fuzz: ${JSON.stringify(totals)}`);
      for (const count of Object.values(totals)) expect(count).toBeGreaterThan(0);
    },
    FILES * 5_000,
  );

  it('reads a file whose line ends change, and refuses only the line that is not UTF-8', async () => {
    const purchase = (id: string, gap = '') =>
      `{"event_id":"${id}",${gap}"customer_id":"c1","type":"purchase","timestamp":"2024-01-01T00:00:00Z","order_id":"o-${id}","amount":5,"currency":"EUR"}`;
    const bytes = Buffer.concat([
      Buffer.from(`${purchase('le1')}\r\n${purchase('le2')}\n{"event_id":"le3","note":"`),
      Buffer.from([0xff, 0xfe]),
      // A line of a carriage return alone is blank; one inside a line is white space.
      Buffer.from(`"}\n\r\n${purchase('le5', '\r')}\n`),
    ]);
    const file = await t.file('line-ends.ndjson', bytes);
    const summary = await importFile(t.warehouse, t.project, { file, kind: 'events' });
    expect(summary).toMatchObject({ read: 4, inserted: 3, rejected: 1 });
    expect(await t.rejects(summary.rejectsFile)).toEqual([
      { line: 3, reason: 'the text is not UTF-8' },
    ]);
    expect(
      await t.warehouse.query(
        `SELECT event_id AS id, source_line AS line FROM events
         WHERE starts_with(event_id, 'le') ORDER BY source_line`,
      ),
    ).toEqual([
      { id: 'le1', line: 1 },
      { id: 'le2', line: 2 },
      { id: 'le5', line: 5 },
    ]);
  });

  it('refuses a file with a line longer than 64 MB, a JSON array named .json say, in words', async () => {
    const event = '{"event_id":"x","customer_id":"c","type":"visit","timestamp":"2024-01-01"},';
    const array = `[${event.repeat(Math.ceil((64 * 1024 * 1024) / event.length))}{}]`;
    const file = await t.file('export.json', `{"a":1}\n${array}\n`);
    await expect(
      importFile(t.warehouse, t.project, { file, kind: 'events', name: 'export.json' }),
    ).rejects.toThrow(
      'cannot read export.json as NDJSON: line 2: a line is longer than the 64 MB a line may hold',
    );
  });
});
