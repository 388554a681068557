import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Audience } from '../../src/segments/audiences.js';
import { audienceShop } from '../helpers/audience-shop.js';
import { runClv } from '../helpers/run-cli.js';
import type { TempProject } from '../helpers/temp-project.js';

// The audience shop (see its helper): buyers a (180, email subscribed) and b (20).
const BUYERS = JSON.stringify({
  version: 1,
  match: 'all',
  conditions: [{ type: 'value', field: 'orders', test: { op: 'gte', value: 1 } }],
});

describe('clv audience', () => {
  let shop: TempProject;
  let fresh: TempProject;
  beforeAll(async () => {
    shop = await audienceShop();
    fresh = await audienceShop('none');
    // The CLI opens the stores itself.
    await shop.warehouse.close();
    await fresh.warehouse.close();
  });
  afterAll(async () => {
    await shop.cleanup();
    await fresh.cleanup();
  });

  const clv = (...args: string[]) => runClv([...args, '--project', shop.dir]);

  it('estimates, creates, lists, shows, edits, pages, exports and deletes', async () => {
    const estimate = await clv('audience', 'estimate', '--template', 'vip', '--json');
    expect(estimate.code).toBe(0);
    expect(JSON.parse(estimate.stdout)).toMatchObject({
      members: 1,
      knownCustomers: 4,
      revenue: 180,
    });

    const ruleFile = await shop.file('buyers.json', BUYERS);
    const created = await clv(
      'audience',
      'create',
      '--name',
      'Buyers',
      '--rule',
      ruleFile,
      '--json',
    );
    expect(created.code).toBe(0);
    const audience = JSON.parse(created.stdout) as Audience;
    expect(audience).toMatchObject({ name: 'Buyers', owner: 'local', members: 2, revenue: 200 });

    const list = await clv('audience', 'list');
    expect(list.stdout).toMatch(
      new RegExp(`^id .*\\n${audience.id}  Buyers +2 +- +200\\.00 +- +\\d{4}-`),
    );

    const edited = await clv(
      'audience',
      'edit',
      audience.id,
      '--rule',
      JSON.stringify({
        version: 1,
        match: 'all',
        conditions: [{ type: 'consent', channel: 'email', subscribed: true }],
      }),
      '--json',
    );
    expect(JSON.parse(edited.stdout)).toMatchObject({
      version: 2,
      members: 1,
      updatedBy: 'local',
      streaming: true,
    });

    const shown = await clv('audience', 'show', audience.id);
    expect(shown.stdout).toContain('rule: all of: subscribed to email');

    const members = await clv('audience', 'members', audience.id, '--json');
    expect(JSON.parse(members.stdout)).toMatchObject({ total: 1, members: [{ customerId: 'a' }] });

    const file = join(shop.dir, 'members.csv');
    const exported = await clv('audience', 'export', audience.id, '--output', file);
    expect(exported.code).toBe(0);
    expect(await readFile(file, 'utf8')).toMatch(
      /^customer_id,entered_at,revenue,predicted_clv,p_alive,email_subscribed\na,[^,]+,180,,1,true\n$/,
    );
    const toStdout = await clv('audience', 'export', audience.id);
    expect(toStdout.stdout.split('\n')).toHaveLength(3);

    expect((await clv('audience', 'delete', audience.id)).stdout).toBe(`deleted ${audience.id}\n`);
    const gone = await clv('audience', 'show', audience.id);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toBe(`clv: no audience "${audience.id}"\n`);
  });

  it('exits 2 for a malformed rule, an unknown attribute or template, and before a refresh', async () => {
    const malformed = await clv(
      'audience',
      'create',
      '--name',
      'Bad',
      '--rule',
      '{"version":1,"match":"all"}',
    );
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/^clv: rule\.conditions: /);
    const notJson = await clv('audience', 'estimate', '--rule', '{nope');
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^clv: --rule: not JSON/);
    const unknown = await clv(
      'audience',
      'estimate',
      '--rule',
      JSON.stringify({
        version: 1,
        match: 'all',
        conditions: [{ type: 'attribute', attribute: 'shoe', test: { op: 'exists' } }],
      }),
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'clv: unknown attribute "shoe": known are acquisition_channel, country\n',
    );
    const template = await clv('audience', 'create', '--template', 'gold');
    expect(template.code).toBe(2);
    expect(template.stderr).toContain('the templates are high-value-at-risk, winback, vip');
    const early = await runClv([
      'audience',
      'estimate',
      '--template',
      'vip',
      '--project',
      fresh.dir,
    ]);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('run clv refresh first');
  });
});
