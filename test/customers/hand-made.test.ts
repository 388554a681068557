import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atRiskCustomers } from '../../src/customers/at-risk-customers.js';
import { customerProfile } from '../../src/customers/customer-profile.js';
import { searchCustomers } from '../../src/customers/search-customers.js';
import { topCustomers } from '../../src/customers/top-customers.js';
import { importFile } from '../../src/ingest/import-file.js';
import { refresh } from '../../src/model/refresh.js';
import { handMadeShop } from '../helpers/hand-made-shop.js';
import type { TempProject } from '../helpers/temp-project.js';

const social = { acquisition_channel: 'social' };
// Successful orders: c1 only B (A was returned), c2 C (80 GBP = 100), c3 only e8 (E canceled).
const C1 = {
  customerId: 'c1',
  attributes: social,
  firstOrder: '2024-02-05',
  lastOrder: '2024-02-05',
  orders: 1,
  historicClv: 50,
  predictedClv: null,
  pAlive: null,
  predictionReason: null,
};
const C2 = {
  customerId: 'c2',
  attributes: social,
  firstOrder: '2024-01-15',
  lastOrder: '2024-01-15',
  orders: 1,
  historicClv: 100,
  predictedClv: null,
  pAlive: null,
  predictionReason: null,
};
const C3 = {
  customerId: 'c3',
  attributes: { acquisition_channel: 'search' },
  firstOrder: '2024-03-02',
  lastOrder: '2024-03-02',
  orders: 1,
  historicClv: 20,
  predictedClv: null,
  pAlive: null,
  predictionReason: null,
};
// c4's only order is "pending", and its channel cell was empty.
const C4 = {
  customerId: 'c4',
  attributes: {},
  firstOrder: null,
  lastOrder: null,
  orders: 0,
  historicClv: 0,
  predictedClv: null,
  pAlive: null,
  predictionReason: null,
};

// Ids with SQL metacharacters, which a search must match as plain text.
const ODD_CUSTOMERS =
  "customer_id,acquisition_channel\na%b,mail\na_b,mail\nAxB,mail\no'neil,mail\n";

describe('customer queries on the hand-made shop', () => {
  let t: TempProject;
  beforeAll(async () => {
    t = await handMadeShop({ customers: true });
    await importFile(t.warehouse, t.project, {
      file: await t.file('odd.csv', ODD_CUSTOMERS),
      kind: 'customers',
    });
    await refresh(t.warehouse, t.project.config);
  });
  afterAll(() => t.cleanup());

  const search = (options: Parameters<typeof searchCustomers>[2]) =>
    searchCustomers(t.warehouse, t.project.config, options);

  it('searches ids case-insensitively, by attribute, and pages by id', async () => {
    expect(await search({ q: 'C' })).toEqual({
      items: [C1, C2, C3, C4],
      total: 4,
      limit: 50,
      offset: 0,
    });
    expect(await search({ q: 'c', limit: 2, offset: 1 })).toEqual({
      items: [C2, C3],
      total: 4,
      limit: 2,
      offset: 1,
    });
    expect(await search({ q: 'c', offset: 10 })).toEqual({
      items: [],
      total: 4,
      limit: 50,
      offset: 10,
    });
    const bySocial = { attribute: { name: 'acquisition_channel', value: 'social' } };
    expect((await search(bySocial)).items).toEqual([C1, C2]);
    expect((await search({ ...bySocial, q: '2' })).items).toEqual([C2]);
    expect(
      (await search({ attribute: { name: 'acquisition_channel', value: 'Social' } })).total,
    ).toBe(0);
    expect((await search({ attribute: { name: 'country', value: 'social' } })).total).toBe(0);
    // Every known customer, in byte order of the id.
    const all = await search({});
    expect(all.items.map((item) => item.customerId)).toEqual([
      'AxB',
      'a%b',
      'a_b',
      'c1',
      'c2',
      'c3',
      'c4',
      "o'neil",
    ]);
  });

  it('matches %, _ and quotes in q literally', async () => {
    const ids = async (q: string) => (await search({ q })).items.map((item) => item.customerId);
    expect(await ids('%')).toEqual(['a%b']);
    expect(await ids('A_B')).toEqual(['a_b']);
    expect(await ids('_')).toEqual(['a_b']);
    expect(await ids("'")).toEqual(["o'neil"]);
    expect(await ids("o'N")).toEqual(["o'neil"]);
    expect(await ids("' OR 1=1 --")).toEqual([]);
    expect(
      (await search({ attribute: { name: 'acquisition_channel', value: "x' OR '1'='1" } })).total,
    ).toBe(0);
  });

  it('ranks buyers by historic CLV; without predictions the other lists are empty', async () => {
    const config = t.project.config;
    expect(await topCustomers(t.warehouse, config, { by: 'historic' })).toEqual({
      items: [C2, C1, C3],
      total: 3,
      limit: 50,
      offset: 0,
      note: null,
    });
    expect(
      (await topCustomers(t.warehouse, config, { by: 'historic', limit: 1, offset: 1 })).items,
    ).toEqual([C1]);
    // This shop was refreshed without the models: the empty lists say so.
    expect(await topCustomers(t.warehouse, config, { by: 'predicted' })).toEqual({
      items: [],
      total: 0,
      limit: 50,
      offset: 0,
      note: 'no predictions yet: run clv refresh',
    });
    expect(await atRiskCustomers(t.warehouse, config)).toMatchObject({
      total: 0,
      note: 'no predictions yet: run clv refresh',
    });
  });

  it('refuses bad paging, naming the parameter', async () => {
    const config = t.project.config;
    await expect(search({ limit: 0 })).rejects.toMatchObject({
      code: 'bad_input',
      message: 'limit must be a whole number from 1 to 500, not 0',
    });
    await expect(search({ limit: 501 })).rejects.toMatchObject({
      code: 'bad_input',
      message: expect.stringMatching(/^limit /),
    });
    await expect(search({ limit: 2.5 })).rejects.toMatchObject({
      code: 'bad_input',
      message: expect.stringMatching(/^limit /),
    });
    await expect(search({ limit: Number.NaN })).rejects.toMatchObject({
      code: 'bad_input',
      message: expect.stringMatching(/^limit /),
    });
    await expect(search({ offset: -1 })).rejects.toMatchObject({
      code: 'bad_input',
      message: 'offset must be a whole number, 0 or more, not -1',
    });
    await expect(
      topCustomers(t.warehouse, config, { by: 'historic', offset: 0.5 }),
    ).rejects.toMatchObject({ code: 'bad_input', message: expect.stringMatching(/^offset /) });
    await expect(atRiskCustomers(t.warehouse, config, { limit: 1000 })).rejects.toMatchObject({
      code: 'bad_input',
      message: expect.stringMatching(/^limit /),
    });
    await expect(atRiskCustomers(t.warehouse, config, { minChurnRisk: 1.5 })).rejects.toMatchObject(
      { code: 'bad_input', message: expect.stringMatching(/^minChurnRisk /) },
    );
    await expect(
      customerProfile(t.warehouse, config, 'c1', { eventsLimit: 0 }),
    ).rejects.toMatchObject({ code: 'bad_input', message: expect.stringMatching(/^eventsLimit /) });
    await expect(
      customerProfile(t.warehouse, config, 'c1', { eventsOffset: -3 }),
    ).rejects.toMatchObject({
      code: 'bad_input',
      message: expect.stringMatching(/^eventsOffset /),
    });
    const by = 'best' as 'historic';
    await expect(topCustomers(t.warehouse, config, { by })).rejects.toMatchObject({
      code: 'bad_input',
      message: 'by must be predicted or historic, not "best"',
    });
  });

  it('says which customer it does not know', async () => {
    await expect(customerProfile(t.warehouse, t.project.config, 'nobody')).rejects.toMatchObject({
      code: 'not_found',
      message: 'no customer "nobody"',
    });
    await expect(customerProfile(t.warehouse, t.project.config, 'C1')).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
