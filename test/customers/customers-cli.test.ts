import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerProfile } from '../../src/customers/customer-profile.js';
import { HAND_MADE_CUSTOMERS, HAND_MADE_EVENTS } from '../helpers/hand-made-shop.js';
import { runClv } from '../helpers/run-cli.js';

describe('clv customers from the command line', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clv-customers-cli-'));
    const files = {
      rates: 'currency,rate_to_base\nGBP,1.25\n',
      events: HAND_MADE_EVENTS,
      customers: HAND_MADE_CUSTOMERS,
    };
    expect((await runClv(['init', dir])).code).toBe(0);
    for (const [kind, content] of Object.entries(files)) {
      const file = join(dir, `${kind}.csv`);
      await writeFile(file, content);
      expect((await runClv(['import', file, '--kind', kind, '--project', dir])).code).toBe(0);
    }
    // Four customers are too few to fit a model: the refresh succeeds without predictions.
    expect((await runClv(['refresh', '--project', dir, '--json'])).code).toBe(0);
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('shows one customer as JSON and as text', async () => {
    const json = await runClv(['customers', 'show', 'c1', '--project', dir, '--json']);
    expect(json.code).toBe(0);
    const profile = JSON.parse(json.stdout) as CustomerProfile;
    expect(profile.historic).toMatchObject({ orders: 1, revenue: 50, returned: 1 });
    expect(profile.consents[0]).toMatchObject({ category: 'newsletter', granted: true });
    // c1 bought once and nobody bought twice: no model, so every value is null, with why.
    expect(profile.prediction).toMatchObject({
      pAlive: null,
      predictedClv: null,
      status: 'failed',
    });
    expect(profile.prediction?.reason).toMatch(
      /^MBG\/NBD could not be fitted \(nobody made a repeat purchase/,
    );
    expect(profile.timeline.total).toBe(6);

    const text = await runClv(['customers', 'show', 'c1', '--limit', '2', '--project', dir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('customer c1 (amounts in EUR)');
    expect(text.stdout).toContain('attributes: acquisition_channel=social');
    expect(text.stdout).toMatch(/newsletter\s+email\s+granted\s+since 2024-01-01T00:00:00.000Z/);
    expect(text.stdout).toContain(
      'orders: 1 successful (2024-02-05 .. 2024-02-05), revenue 50.00, APV 50.00; 0 canceled, 1 returned, 0 other',
    );
    expect(text.stdout).toContain('events, newest first (1-2 of 6):');
    expect(text.stdout).toContain(
      'prediction: P(alive) -, churn risk -, - purchases of - expected, predicted CLV -',
    );
    expect(text.stdout).toContain('prediction failed: MBG/NBD could not be fitted (nobody made');
    expect(text.stdout).toMatch(/2024-02-05T12:00:00.000Z\s+purchase\s+order B 50.00\n/);
  });

  it('lists customers as a table or as a page of JSON', async () => {
    const top = await runClv(['customers', 'top', '--by', 'historic', '--project', dir]);
    expect(top.code).toBe(0);
    expect(top.stdout.split('\n').map((line) => line.split(/\s+/)[0])).toEqual([
      'customer',
      'c2',
      'c1',
      'c3',
      '1-3',
      '',
    ]);
    const search = await runClv([
      ...['customers', 'search', 'C', '--attribute', 'acquisition_channel=social'],
      ...['--limit', '1', '--offset', '1', '--project', dir, '--json'],
    ]);
    expect(search.code).toBe(0);
    expect(JSON.parse(search.stdout)).toMatchObject({
      items: [{ customerId: 'c2', historicClv: 100 }],
      total: 2,
      limit: 1,
      offset: 1,
    });
  });

  it('exits 2 with the error for an unknown customer or bad paging', async () => {
    const missing = await runClv(['customers', 'show', 'nobody', '--project', dir, '--json']);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toEqual({
      error: { code: 'not_found', message: 'no customer "nobody"' },
    });
    const bad = await runClv(['customers', 'at-risk', '--limit', 'ten', '--project', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('clv: --limit must be a number, not "ten"\n');
    const attribute = await runClv(['customers', 'search', '--attribute', 'x', '--project', dir]);
    expect(attribute.code).toBe(2);
    expect(attribute.stderr).toBe('clv: --attribute must be NAME=VALUE, not "x"\n');
  });
});
