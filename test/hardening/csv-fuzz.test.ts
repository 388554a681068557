import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { fuzzCsv, type FuzzFile } from './csv-fuzz-input.js';

/** Fuzzed files: 400 by default, 10,000 with CLV_THOROUGH=1; every tenth is also imported. */
const INPUTS = process.env['CLV_THOROUGH'] ? 10_000 : 400;
const IMPORT_EVERY = 10;
const SEED = 0x5eed_c5f;

describe(`reading ${INPUTS.toLocaleString('en')} seeded odd CSV files`, () => {
  let t: TempProject;
  beforeAll(async () => {
    t = await tempProject();
  });
  afterAll(() => t.cleanup());

  it(
    'reads every record on its true line, and a broken line spoils no other',
    async () => {
      const totals = { files: 0, plain: 0, records: 0, rows: 0, broken: 0, imported: 0 };
      for (let n = 0; n < INPUTS; n += 1) {
        const input = fuzzCsv(SEED + n, `f${n}-`);
        const context = `input ${n} (seed ${SEED + n})`;
        const file = await t.file(`fuzz-${n % 4}.csv`, input.bytes);
        const { rows, broken } = await readBack(t, file, `fuzz${n}`);
        const expectedRows = input.records.filter((r) => r.outcome !== 'broken');
        expect(rows, context).toEqual(
          expectedRows.map(({ line, eventId, customer, note }) => ({
            line,
            eventId,
            customer,
            note,
          })),
        );
        expect(broken, context).toEqual(
          input.records.filter((r) => r.outcome === 'broken').map((r) => r.line),
        );
        totals.files += 1;
        totals.plain += input.plain ? 1 : 0;
        totals.records += input.records.length;
        totals.rows += rows.length;
        totals.broken += broken.length;
        if (n % IMPORT_EVERY === 0) {
          await importAndCheck(t, file, input, context);
          totals.imported += 1;
        }
      }
      console.log(`CSV fuzz: ${JSON.stringify(totals)}`);
      expect(totals.rows + totals.broken).toBe(totals.records);
    },
    INPUTS * 2_250,
  );
});

/** The rows and broken lines of a file as the import's CSV reading stages them. */
async function readBack(t: TempProject, file: string, tag: string) {
  const scratchDir = join(t.dir, '.clv', 'tmp');
  const staged = await t.warehouse.staging.file({ file, name: file, scratchDir }, 'csv', tag);
  try {
    const rows = await t.warehouse.query<{
      line: number;
      eventId: string;
      customer: string | null;
      note: string | null;
    }>(
      `SELECT __line AS line, event_id AS "eventId", customer_id AS customer, note
       FROM ${staged.relation} ORDER BY __line`,
    );
    const broken = await t.warehouse.query<{ line: number }>(
      `SELECT line FROM ${staged.broken} ORDER BY line`,
    );
    return { rows, broken: broken.map((row) => row.line) };
  } finally {
    await staged.drop();
  }
}

/** Imports the file: every record inserted, a duplicate, or rejected on its line. */
async function importAndCheck(t: TempProject, file: string, input: FuzzFile, context: string) {
  const summary = await importFile(t.warehouse, t.project, { file, kind: 'events' });
  const expected = (...outcomes: string[]) =>
    input.records.filter((r) => outcomes.includes(r.outcome));
  expect(summary, context).toMatchObject({
    read: input.records.length,
    inserted: expected('stored').length,
    duplicates: expected('duplicate').length,
    rejected: expected('broken', 'invalid').length,
  });
  const prefix = input.records[0]?.eventId.split('-')[0] ?? '';
  const stored = await t.warehouse.query(
    `SELECT event_id AS "eventId", customer_id AS customer, properties->>'note' AS note,
            source_line AS line
     FROM events WHERE starts_with(event_id, $prefix) ORDER BY source_line`,
    { prefix: `${prefix}-` },
  );
  expect(stored, context).toEqual(
    expected('stored').map(({ eventId, customer, note, line }) => ({
      eventId,
      customer: customer?.trim() ?? null,
      note,
      line,
    })),
  );
  const rejects = summary.rejectsFile ? await t.rejects(summary.rejectsFile) : [];
  expect(
    rejects.map((r) => r.line),
    context,
  ).toEqual(expected('broken', 'invalid').map((r) => r.line));
}
