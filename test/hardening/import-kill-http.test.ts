import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject, type Project } from '../../src/config/project.js';
import { importFile } from '../../src/ingest/import-file.js';
import { ingestBatch } from '../../src/ingest/ingest-batch.js';
import { openStore } from '../../src/store/open-store.js';
import type { Warehouse } from '../../src/store/warehouse.js';
import { tempProject } from '../helpers/temp-project.js';
import {
  copyProject,
  eventsCsv,
  killDelay,
  killWhen,
  serve,
  SERVER_KILLS,
  stopServer,
  storeState,
  walAppears,
  type StoreState,
} from './kill-at-commit.js';

/** Past two row groups (122,880 rows each): the engine writes them out before the commit. */
const ROWS = 260_000;
const CONFIG = { refresh: { cron: null, debounceSeconds: 3600 }, server: { bodyLimitMb: 64 } };

type Path = 'imports' | 'events';
type Counts = { inserted: number; duplicates: number };

/** How each route is sent the rows, and how the same rows are stored again in-process. */
interface Sender {
  send(url: string): Promise<Response>;
  again(dir: string): Promise<Counts>;
}

describe(`POST /imports and POST /events killed during their commit (${SERVER_KILLS} kills)`, () => {
  let root: string;
  let base: string;
  const senders = {} as Record<Path, Sender>;
  const after = {} as Record<Path, StoreState>;
  let before: StoreState;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'clv-kill-http-'));
    const t = await tempProject(CONFIG);
    await t.warehouse.close();
    base = await copyProject(t.dir, join(root, 'base'));
    await rm(t.dir, { recursive: true, force: true });
    const csv = join(root, 'big.csv');
    await writeFile(csv, eventsCsv(ROWS, 'u'));
    const upload = await readFile(csv);
    const events = eventsCsv(ROWS, 'h')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [event_id, customer_id, type, timestamp, amount] = line.split(',');
        return { event_id, customer_id, type, timestamp, amount: Number(amount) };
      });
    const ndjson = events.map((event) => JSON.stringify(event)).join('\n');
    senders.imports = {
      send(url) {
        const form = new FormData();
        form.append('file', new Blob([upload]), 'big.csv');
        return fetch(`${url}/api/v1/imports?kind=events`, { method: 'POST', body: form });
      },
      again: (dir) =>
        withStoreOf(dir, (warehouse, project) =>
          importFile(warehouse, project, { file: csv, kind: 'events' }),
        ),
    };
    senders.events = {
      send: (url) =>
        fetch(`${url}/api/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-ndjson' },
          body: ndjson,
        }),
      again: (dir) =>
        withStoreOf(dir, async (warehouse, project) => {
          const outcome = await ingestBatch(warehouse, project, events);
          return { inserted: outcome.accepted, duplicates: outcome.duplicates.length };
        }),
    };
    before = (await storeState(base)).state;
    for (const path of ['imports', 'events'] as const) {
      const done = await copyProject(base, join(root, `done-${path}`));
      const server = await serve(done);
      const response = await senders[path].send(server.url);
      expect(response.status).toBe(200);
      await stopServer(server.child);
      after[path] = (await storeState(done)).state;
    }
  }, 300_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it(
    'leaves the store exactly as before or exactly as after, and storing again does the rest',
    async () => {
      const seen = { before: 0, after: 0, finished: 0, undone: 0 };
      for (let k = 0; k < SERVER_KILLS; k += 1) {
        const path: Path = k % 2 === 0 ? 'imports' : 'events';
        const dir = await copyProject(base, join(root, `kill-${k}`));
        const server = await serve(dir);
        const wal = walAppears(dir);
        const request = senders[path].send(server.url).catch(() => null);
        const { killed } = await killWhen(server.child, wal, killDelay(k >> 1));
        const reply = await request;
        const { state, abandoned } = await storeState(dir);
        if (abandoned.length > 0) seen.undone += 1;
        const comparable = ({ importIds: _, abandonedIds: __, ...rest }: StoreState) => rest;
        const isBefore = state.events === before.events;
        expect(comparable(state)).toEqual(comparable(isBefore ? before : after[path]));
        // An acknowledged request is never undone.
        if (reply?.status === 200) expect(isBefore).toBe(false);
        if (!killed) seen.finished += 1;
        else seen[isBefore ? 'before' : 'after'] += 1;

        expect(await senders[path].again(dir)).toMatchObject(
          isBefore ? { inserted: ROWS, duplicates: 0 } : { inserted: 0, duplicates: ROWS },
        );
        const { state: last } = await storeState(dir);
        expect(last.checksum).toBe(after[path].checksum);
        expect(last.importIds.filter((id) => last.abandonedIds.includes(id))).toEqual([]);
        expect(Math.max(...last.importIds)).toBeGreaterThan(Math.max(0, ...state.abandonedIds));
        await rm(dir, { recursive: true, force: true });
      }
      console.log(`HTTP kills during commit: ${JSON.stringify(seen)}`);
      expect(seen.before + seen.after + seen.finished).toBe(SERVER_KILLS);
    },
    SERVER_KILLS * 120_000,
  );
});

/** Opens a project's store for `work`, as a command does, and closes it. */
async function withStoreOf<T>(
  dir: string,
  work: (warehouse: Warehouse, project: Project) => Promise<T>,
): Promise<T> {
  const project = await openProject(dir);
  const warehouse = await openStore(project);
  try {
    return await work(warehouse, project);
  } finally {
    await warehouse.close();
  }
}
