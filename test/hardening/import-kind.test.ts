import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runClv } from '../helpers/run-cli.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

const EVENTS = [
  'event_id,customer_id,type,timestamp,amount',
  'e1,c1,purchase,2024-01-01,10',
  'e2,c2,purchase,2024-02-01,20',
  'e3,c3,purchase,2024-03-01,30',
].join('\n');

describe('a file imported as the wrong kind', () => {
  let t: TempProject;
  let dir: string;
  beforeEach(async () => {
    t = await tempProject({ refresh: { cron: null } });
    await t.warehouse.close();
    dir = t.dir;
  });
  afterEach(() => t.cleanup());

  const clv = (...args: string[]) => runClv([...args, '--project', dir]);
  const write = async (name: string, text: string) => {
    const file = join(dir, name);
    await writeFile(file, text);
    return file;
  };

  it('events as customers: exit 2, naming the kind it looks like, and nothing stored', async () => {
    const csv = await write('events.csv', EVENTS);
    const result = await clv('import', csv, '--kind', 'customers');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `clv: ${csv} has the columns of an events file (customer_id, type, timestamp): imported as ` +
        'customers, every event would become attributes of its customer. Import it with --kind ' +
        'events (or, if these really are customer attributes, rename its type and timestamp columns)\n',
    );
    const ndjson = await write(
      'events.ndjson',
      '{"customer_id":"c1","type":"purchase","timestamp":"2024-01-01"}\n',
    );
    expect((await clv('import', ndjson, '--kind', 'customers')).code).toBe(2);
    const counts = await clv('import', csv, '--kind', 'events', '--json');
    // The refused imports stored nothing: every event is new.
    expect(JSON.parse(counts.stdout)).toMatchObject({ read: 3, inserted: 3, warnings: [] });
  });

  it('customers as events, or costs as rates: exit 2 with the kind to use', async () => {
    const customers = await write('customers.csv', 'customer_id,country\nc1,DE\n');
    const asEvents = await clv('import', customers, '--kind', 'events');
    expect(asEvents.code).toBe(2);
    expect(asEvents.stderr).toBe(
      `clv: ${customers} has no column type, timestamp, which events need, but has the columns ` +
        'of a customers file (customer_id): import it with --kind customers\n',
    );
    const costs = await write('costs.csv', 'month,channel,spend\n2024-01,ads,100\n');
    const asRates = await clv('import', costs, '--kind', 'rates');
    expect(asRates.code).toBe(2);
    expect(asRates.stderr).toMatch(/import it with --kind costs\n$/);
  });

  it('a file that fits its kind and also has all the columns of another imports with a warning', async () => {
    const csv = await write(
      'mixed.csv',
      'event_id,customer_id,type,timestamp,month,channel,spend\ne1,c1,visit,2024-01-01,2024-01,ads,5\n',
    );
    const json = await clv('import', csv, '--kind', 'events', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).warnings).toEqual([
      `${csv} also has the columns of a costs file (month, channel, spend); it was imported as events`,
    ]);
    const text = await clv('import', csv, '--kind', 'events');
    expect(text.stdout).toContain(`warning: ${csv} also has the columns of a costs file`);
  });

  it('a purchase dated 2200 is rejected, and the default period stays with the real orders', async () => {
    const csv = await write('events.csv', `${EVENTS}\ne4,c4,purchase,2200-01-01,40\n`);
    const imported = JSON.parse((await clv('import', csv, '--kind', 'events', '--json')).stdout);
    expect(imported).toMatchObject({ read: 4, inserted: 3, rejected: 1 });
    expect((await clv('refresh')).code).toBe(0);
    const metrics = JSON.parse((await clv('metrics', '--json')).stdout);
    expect(metrics.period).toEqual({ from: '2023-03-01', to: '2024-03-01' });
  });
});
