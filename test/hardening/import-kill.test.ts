import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/ingest/import-file.js';
import { runClv } from '../helpers/run-cli.js';
import { tempProject } from '../helpers/temp-project.js';
import {
  copyProject,
  eventsCsv,
  killDelay,
  KILLS,
  killDuringCommit,
  storeState,
  type StoreState,
} from './kill-at-commit.js';

/** Past one row group (122,880 rows), so the engine writes the rows out before the commit. */
const ROWS = 260_000;

describe(`clv import killed during its commit (${KILLS} kills)`, () => {
  let root: string;
  let base: string;
  let big: string;
  let before: StoreState;
  let after: StoreState;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'clv-kill-'));
    // A store that already holds an import, with a rejected row and so a rejects file.
    const t = await tempProject();
    const small = await t.file('small.csv', `${eventsCsv(200, 's')}s-bad,c1,purchase,never,1\n`);
    await importFile(t.warehouse, t.project, { file: small, kind: 'events' });
    await t.warehouse.close();
    base = await copyProject(t.dir, join(root, 'base'));
    await rm(t.dir, { recursive: true, force: true });
    big = join(root, 'big.csv');
    await writeFile(big, eventsCsv(ROWS, 'b'));
    before = (await storeState(base)).state;
    // The same import, not killed: what "after" looks like.
    const done = await copyProject(base, join(root, 'done'));
    const result = await runClv(['import', big, '--kind', 'events', '--project', done]);
    expect(result.code).toBe(0);
    after = (await storeState(done)).state;
  }, 120_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it(
    'leaves the store exactly as before or exactly as after, and a re-import then does the rest',
    async () => {
      const seen = { before: 0, after: 0, finished: 0, undone: 0 };
      for (let k = 0; k < KILLS; k += 1) {
        const dir = await copyProject(base, join(root, `kill-${k}`));
        const args = ['import', big, '--kind', 'events', '--project', dir, '--json'];
        const { killed } = await killDuringCommit(args, dir, killDelay(k));
        const { state, abandoned } = await storeState(dir);
        if (abandoned.length > 0) seen.undone += 1;
        const comparable = ({ importIds: _, abandonedIds: __, ...rest }: StoreState) => rest;
        const isBefore = state.events === before.events;
        expect(comparable(state)).toEqual(comparable(isBefore ? before : after));
        if (!killed) seen.finished += 1;
        else seen[isBefore ? 'before' : 'after'] += 1;
        // No id of an import that was undone is ever given out again.
        expect(state.importIds.filter((id) => state.abandonedIds.includes(id))).toEqual([]);

        const again = await runClv(['import', big, '--kind', 'events', '--project', dir, '--json']);
        expect(again.code).toBe(0);
        expect(JSON.parse(again.stdout)).toMatchObject(
          isBefore
            ? { read: ROWS, inserted: ROWS, duplicates: 0 }
            : { read: ROWS, inserted: 0, duplicates: ROWS },
        );
        const { state: last } = await storeState(dir);
        expect(last.events).toBe(after.events);
        expect(last.checksum).toBe(after.checksum);
        const newest = Math.max(...last.importIds);
        expect(newest).toBeGreaterThan(Math.max(0, ...state.importIds, ...state.abandonedIds));
        await rm(dir, { recursive: true, force: true });
      }
      console.log(`kills during commit: ${JSON.stringify(seen)}`);
      expect(seen.before + seen.after + seen.finished).toBe(KILLS);
    },
    KILLS * 90_000,
  );
});
