import { describe, expect } from 'vitest';
import { createAudience, deleteAudience, getAudience } from '../../src/segments/audiences.js';
import { ClvError } from '../../src/shared/errors.js';
import { projectTest } from '../helpers/project-test.js';

const test = projectTest();

const RULE = {
  version: 1,
  match: 'all',
  conditions: [{ type: 'consent', channel: 'email', subscribed: true }],
};

async function failure(work: Promise<unknown>): Promise<ClvError> {
  const error: unknown = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ClvError)) throw new Error(`expected a ClvError, got ${String(error)}`);
  return error;
}

describe('an audience created with a chosen id (the demo’s fixed ids)', () => {
  test('keeps the id asked for, like a fresh one otherwise', async ({ t }) => {
    const fixed = await createAudience(
      t.warehouse,
      t.project.config,
      { name: 'Subscribers', rule: RULE },
      'local',
      { id: 'aud_de00000e01' },
    );
    expect(fixed.id).toBe('aud_de00000e01');
    expect((await getAudience(t.warehouse, 'aud_de00000e01')).name).toBe('Subscribers');
    const fresh = await createAudience(
      t.warehouse,
      t.project.config,
      { name: 'Others', rule: RULE },
      'local',
    );
    expect(fresh.id).toMatch(/^aud_[0-9a-f]{10}$/);
    expect(fresh.id).not.toBe(fixed.id);
  });

  test('refuses an id of another shape, and one taken, even by a deleted audience', async ({
    t,
  }) => {
    const create = (id: string, name: string) =>
      createAudience(t.warehouse, t.project.config, { name, rule: RULE }, 'local', { id });
    for (const bad of ['aud_DE00000E01', 'aud_de00000e0', 'act_de00000e01', '', "aud_'; --"]) {
      const error = await failure(create(bad, 'Bad'));
      expect([error.code, error.message]).toEqual([
        'bad_input',
        "id: must be 'aud_' and 10 hex digits",
      ]);
    }
    await create('aud_0123456789', 'First');
    const taken = await failure(create('aud_0123456789', 'Second'));
    expect([taken.code, taken.message]).toEqual([
      'conflict',
      'id: the audience aud_0123456789 exists already',
    ]);
    await deleteAudience(t.warehouse, 'aud_0123456789');
    expect((await failure(create('aud_0123456789', 'Third'))).code).toBe('conflict');
    const [row] = await t.warehouse.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM audiences WHERE audience_id = 'aud_0123456789'`,
    );
    expect(row?.n).toBe(1);
  });
});
