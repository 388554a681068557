import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { runClv } from '../helpers/run-cli.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { testServer, type TestServer } from '../helpers/test-server.js';

/** Files no reader can make sense of, and what the person who sent each must be told. */
const UNREADABLE: { name: string; bytes: Buffer; message: string }[] = [
  {
    name: 'orders.parquet',
    bytes: Buffer.from('hello'),
    message:
      'cannot read orders.parquet as Parquet: it is not a Parquet file (its first and last bytes are not the PAR1 marker)',
  },
  {
    name: 'orders.csv.gz',
    bytes: Buffer.from('not gzip at all'),
    message:
      'cannot read orders.csv.gz as CSV: it is not a valid gzip file (incorrect header check)',
  },
  {
    // A line that is not UTF-8 is one rejected line (test/hardening/ndjson-fuzz.test.ts).
    name: 'orders.ndjson.gz',
    bytes: Buffer.from('not gzip at all'),
    message:
      'cannot read orders.ndjson.gz as NDJSON: it is not a valid gzip file (incorrect header check)',
  },
  {
    name: 'orders.csv',
    bytes: Buffer.from('event_id,"customer_id,type\ne1,c1,x\n'),
    message:
      'orders.csv: line 1, the header, cannot be read: a quote that never closes opens column 2',
  },
];

/** What a message about a file must never hold: the engine's SQL and reports, server paths. */
const INTERNALS =
  /LINE \d|CREATE|read_csv|read_parquet|stage_|sniff|Possible fixes|Error:|uploads|\/tmp\//;

describe('a file that cannot be read', () => {
  let t: TempProject;
  beforeAll(async () => {
    t = await tempProject({ refresh: { cron: null } });
    await t.warehouse.close();
  });
  afterAll(() => t.cleanup());

  it('is described in words on the command line, internals only with CLV_DEBUG', async () => {
    for (const { name, bytes, message } of UNREADABLE) {
      await writeFile(join(t.dir, name), bytes);
      const result = await runClv(['import', name, '--kind', 'events', '--project', t.dir], {
        cwd: t.dir,
      });
      expect(result.code, name).toBe(2);
      expect(result.stderr, name).toBe(`clv: ${message}\n`);
      expect(result.stderr, name).not.toMatch(INTERNALS);
    }
    const debug = await runClv(
      ['import', 'orders.parquet', '--kind', 'events', '--project', t.dir],
      { cwd: t.dir, env: { CLV_DEBUG: '1' } },
    );
    expect(debug.stderr).toMatch(/read_parquet|Parquet file/);
  });

  describe('over HTTP', () => {
    let api: TestServer;
    beforeAll(async () => {
      api = await testServer({ ...t, warehouse: await openStore(t.project) }, { keys: false });
    });
    afterAll(() => api.close());

    it('answers 400 with the same words, naming the file as the client sent it', async () => {
      for (const { name, bytes, message } of UNREADABLE) {
        const form = new FormData();
        form.append('file', new Blob([bytes]), name);
        const response = await api.request('/api/v1/imports?kind=events', {
          method: 'POST',
          body: form,
        });
        expect(response.status, name).toBe(400);
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect(body.error, name).toEqual({ code: 'bad_input', message });
        expect(body.error.message, name).not.toMatch(INTERNALS);
      }
    });
  });
});
