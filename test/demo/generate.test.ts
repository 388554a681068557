import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_AUDIENCE_IDS } from '../../src/demo/demo-audiences.js';
import { MAX_DEMO_CUSTOMERS, generateDemo, streamDemo } from '../../src/demo/generate.js';
import type { DemoData, DemoEvent } from '../../src/demo/types.js';
import { writeDemoFiles } from '../../src/demo/write-files.js';
import { ClvError } from '../../src/shared/errors.js';

const START = '2023-11-01T00:00:00Z';
const END = '2026-10-31T23:59:59Z';
const small = generateDemo({ customers: 500, seed: 1 });

const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'clv-demo-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

function ofType(data: DemoData, type: DemoEvent['type']): DemoEvent[] {
  return data.events.filter((e) => e.type === type);
}

/** Events of each order, in file (time) order. */
function ordersOf(data: DemoData): Map<string, DemoEvent[]> {
  const orders = new Map<string, DemoEvent[]>();
  for (const event of ofType(data, 'purchase')) {
    const id = event.order_id ?? '';
    orders.set(id, [...(orders.get(id) ?? []), event]);
  }
  return orders;
}

function finalStatus(events: DemoEvent[]): string | null {
  return events[events.length - 1]?.status ?? null;
}

function successfulOrdersPerCustomer(data: DemoData): Map<string, number> {
  const counts = new Map<string, number>();
  for (const events of ordersOf(data).values()) {
    const first = events[0];
    if (first === undefined || finalStatus(events) !== 'success') continue;
    counts.set(first.customer_id, (counts.get(first.customer_id) ?? 0) + 1);
  }
  return counts;
}

/** The consent action in force for a customer and category at `timestamp` (inclusive). */
function consentAt(data: DemoData, customerId: string, category: string, timestamp: string) {
  let action: string | null = null;
  for (const e of data.events) {
    if (e.timestamp > timestamp) break;
    if (e.type === 'consent' && e.customer_id === customerId && e.category === category) {
      action = e.action;
    }
  }
  return action;
}

function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

describe('generateDemo', () => {
  it('gives identical data and identical file bytes for the same options', async () => {
    const again = generateDemo({ customers: 500, seed: 1 });
    expect(again).toEqual(small);
    const [a, b] = [await tempDir(), await tempDir()];
    const filesA = await writeDemoFiles(small, a);
    const filesB = await writeDemoFiles(again, b);
    for (const key of ['customers', 'events', 'costs', 'rates'] as const) {
      const [bytesA, bytesB] = [await readFile(filesA[key]), await readFile(filesB[key])];
      expect(bytesA.length).toBeGreaterThan(0);
      expect(bytesA.equals(bytesB)).toBe(true);
    }
  });

  it('streams the very rows it builds, and writes the same files from the stream', async () => {
    const stream = streamDemo({ customers: 500, seed: 1 });
    expect(stream.eventCount).toBe(small.events.length);
    const [fromStream, fromRows] = [await tempDir(), await tempDir()];
    const streamed = await writeDemoFiles(stream, fromStream);
    const built = await writeDemoFiles(small, fromRows);
    for (const key of ['customers', 'events', 'costs', 'rates'] as const) {
      expect((await readFile(streamed[key])).equals(await readFile(built[key])), key).toBe(true);
    }
    expect([...streamDemo({ customers: 500, seed: 1 }).events]).toEqual(small.events);
  });

  it('gives different data for a different seed', () => {
    const other = generateDemo({ customers: 500, seed: 2 });
    expect(other.customers).not.toEqual(small.customers);
    expect(other.events).not.toEqual(small.events);
    expect(other.costs).not.toEqual(small.costs);
  });

  it('makes exactly the requested customers with unique ids, countries and channels', () => {
    expect(generateDemo({ customers: 1, seed: 7 }).customers).toHaveLength(1);
    expect(small.customers).toHaveLength(500);
    const ids = small.customers.map((c) => c.customer_id);
    expect(new Set(ids).size).toBe(500);
    expect(ids[0]).toBe('C000001');
    expect(ids[499]).toBe('C000500');
    const countries = new Set(small.customers.map((c) => c.country));
    expect(countries.size).toBeGreaterThanOrEqual(8);
    expect(new Set(small.customers.map((c) => c.acquisition_channel))).toEqual(
      new Set(['organic', 'paid_search', 'social', 'email_referral', 'affiliate']),
    );
    for (const c of small.customers) {
      expect(c.signup_date >= '2023-11-01' && c.signup_date <= '2026-10-31').toBe(true);
    }
    // The shop grows: the last year brings more sign-ups than the first.
    const firstYear = small.customers.filter((c) => c.signup_date < '2024-11-01').length;
    const lastYear = small.customers.filter((c) => c.signup_date >= '2025-11-01').length;
    expect(lastYear).toBeGreaterThan(1.3 * firstYear);
  });

  it('rejects bad options with a usage error', () => {
    expect(() => generateDemo({ customers: 0, seed: 1 })).toThrow(ClvError);
    expect(() => generateDemo({ customers: MAX_DEMO_CUSTOMERS + 1, seed: 1 })).toThrow(
      `customers must be an integer from 1 to 3000000, got 3000001`,
    );
    expect(() => generateDemo({ customers: 2.5, seed: 1 })).toThrow(ClvError);
    expect(() => generateDemo({ customers: 10, seed: Number.NaN })).toThrow(ClvError);
    expect(() => generateDemo({ customers: 10, seed: 1, churnWindowDays: 0 })).toThrow(ClvError);
    expect(() => generateDemo({ customers: 10, seed: 1, churnWindowDays: 2.5 })).toThrow(ClvError);
  });

  it('keeps every event inside the calendar, in time order, with unique ids and known customers', () => {
    const customers = new Set(small.customers.map((c) => c.customer_id));
    const ids = new Set<string>();
    let previous = START;
    for (const e of small.events) {
      expect(customers.has(e.customer_id)).toBe(true);
      expect(e.event_id).toMatch(/^E\d{7}$/);
      ids.add(e.event_id);
      expect(e.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(e.timestamp >= previous && e.timestamp <= END).toBe(true);
      previous = e.timestamp;
    }
    expect(ids.size).toBe(small.events.length);
    const signup = new Map(small.customers.map((c) => [c.customer_id, c.signup_date]));
    for (const e of small.events) {
      expect(e.timestamp.slice(0, 10) >= (signup.get(e.customer_id) ?? '')).toBe(true);
    }
  });

  it('orders each customer’s purchases in time and gives every order a positive amount', () => {
    const lastOrder = new Map<string, string>();
    for (const [orderId, events] of ordersOf(small)) {
      const [first, ...later] = events;
      if (first === undefined) throw new Error('empty order');
      expect(orderId).toMatch(/^O\d{7}$/);
      expect(first.amount).toBeGreaterThan(0);
      expect(Math.round((first.amount ?? 0) * 100) / 100).toBe(first.amount);
      expect(['EUR', 'GBP', 'SEK']).toContain(first.currency);
      expect(['success', 'canceled', 'returned']).toContain(first.status);
      expect(first.timestamp > (lastOrder.get(first.customer_id) ?? '')).toBe(true);
      lastOrder.set(first.customer_id, first.timestamp);
      for (const status of later) {
        expect(status.customer_id).toBe(first.customer_id);
        expect(status.amount).toBeNull();
        expect(status.currency).toBeNull();
        expect(['canceled', 'returned']).toContain(status.status);
        expect(status.timestamp > first.timestamp).toBe(true);
      }
    }
  });

  it('cancels about 5 % and returns about 4 % of orders, half of them by a later event', () => {
    const orders = [...ordersOf(small).values()];
    const share = (status: string) =>
      orders.filter((events) => finalStatus(events) === status).length / orders.length;
    expect(orders.length).toBeGreaterThan(1000);
    expect(share('canceled')).toBeGreaterThan(0.03);
    expect(share('canceled')).toBeLessThan(0.07);
    expect(share('returned')).toBeGreaterThan(0.02);
    expect(share('returned')).toBeLessThan(0.06);
    const changed = orders.filter((events) => events.length === 2);
    const inline = orders.filter(
      (events) => events.length === 1 && events[0]?.status !== 'success',
    );
    expect(changed.length).toBeGreaterThan(20);
    expect(inline.length).toBeGreaterThan(20);
    expect(changed.every((events) => events[0]?.status === 'success')).toBe(true);
  });

  it('has one-order customers, never-buyers and repeat buyers', () => {
    const counts = successfulOrdersPerCustomer(small);
    const buyers = [...counts.values()];
    expect(buyers.filter((n) => n === 1).length).toBeGreaterThan(100);
    expect(buyers.filter((n) => n >= 3).length).toBeGreaterThan(50);
    const neverBought = small.customers.filter((c) => !counts.has(c.customer_id)).length;
    expect(neverBought / 500).toBeGreaterThan(0.05);
    expect(neverBought / 500).toBeLessThan(0.25);
  });

  it('gives newsletter subscribers more orders per customer than the others', () => {
    const counts = successfulOrdersPerCustomer(small);
    const lastNewsletter = new Map<string, string | null>();
    for (const e of ofType(small, 'consent')) {
      if (e.category === 'newsletter') lastNewsletter.set(e.customer_id, e.action);
    }
    const orders = (subscribed: boolean) =>
      small.customers
        .filter((c) => (lastNewsletter.get(c.customer_id) === 'accept') === subscribed)
        .map((c) => counts.get(c.customer_id) ?? 0);
    expect(orders(true).length).toBeGreaterThan(100);
    expect(mean(orders(true))).toBeGreaterThan(mean(orders(false)));
  });

  it('uses EUR mostly and GBP and SEK for British and Swedish customers', () => {
    const country = new Map(small.customers.map((c) => [c.customer_id, c.country]));
    const amounts = ofType(small, 'purchase').filter((e) => e.currency !== null);
    const currencies = new Map<string, number>();
    for (const e of amounts)
      currencies.set(e.currency ?? '', (currencies.get(e.currency ?? '') ?? 0) + 1);
    expect([...currencies.keys()].sort()).toEqual(['EUR', 'GBP', 'SEK']);
    expect((currencies.get('EUR') ?? 0) / amounts.length).toBeGreaterThan(0.75);
    for (const e of amounts.filter((e) => e.currency === 'GBP')) {
      expect(country.get(e.customer_id)).toBe('GB');
    }
    const eur = amounts.filter((e) => e.currency === 'EUR').map((e) => e.amount ?? 0);
    expect(mean(eur)).toBeGreaterThan(40);
    expect(mean(eur)).toBeLessThan(85);
  });

  it('records consent changes, including revocations and new acceptances', () => {
    const consents = ofType(small, 'consent');
    expect(new Set(consents.map((e) => e.category))).toEqual(new Set(['newsletter', 'sms']));
    expect(consents.filter((e) => e.action === 'revoke').length).toBeGreaterThan(20);
    const sequences = new Map<string, string>();
    for (const e of consents) {
      const key = `${e.customer_id}|${e.category}`;
      sequences.set(key, `${sequences.get(key) ?? ''}${e.action === 'accept' ? 'A' : 'R'}`);
    }
    for (const sequence of sequences.values()) expect(sequence).toMatch(/^(AR)*A?$/);
    expect([...sequences.values()].some((s) => s.startsWith('ARA'))).toBe(true);
  });

  it('sends campaigns only to customers consenting on that channel, responses after', () => {
    const campaigns = ofType(small, 'campaign');
    expect(campaigns.length).toBeGreaterThan(500);
    const audiences = Object.values(DEMO_AUDIENCE_IDS);
    const sent = new Map<string, string>();
    for (const e of campaigns) {
      expect(e.campaign_id).toMatch(/^CMP-\d{4}-\d\d-(EMAIL|SMS|VIP|WINBACK)$/);
      expect(audiences).toContain(e.audience_id);
      const key = `${e.customer_id}|${e.campaign_id}`;
      if (e.action === 'sent') {
        const category = e.channel === 'email' ? 'newsletter' : 'sms';
        expect(consentAt(small, e.customer_id, category, e.timestamp)).toBe('accept');
        sent.set(key, e.timestamp);
      } else {
        expect(e.timestamp > (sent.get(key) ?? END)).toBe(true);
      }
    }
    const actions = new Set(campaigns.map((e) => `${e.channel}:${e.action}`));
    const email = ['sent', 'delivered', 'bounced', 'opened', 'clicked', 'unsubscribed'];
    // SMS opens cannot be tracked; unsubscribes are too rare to be sure of in 500 customers.
    const sms = ['sent', 'delivered', 'bounced', 'clicked', 'unsubscribed'];
    for (const action of email.slice(0, 5)) expect(actions).toContain(`email:${action}`);
    for (const action of ['sent', 'delivered', 'clicked'])
      expect(actions).toContain(`sms:${action}`);
    for (const action of actions) {
      const [channel = '', name = ''] = action.split(':');
      expect((channel === 'email' ? email : sms).includes(name), action).toBe(true);
    }
  });

  it('collects NPS from about 30 % of customers, higher from frequent buyers', () => {
    const surveys = ofType(small, 'survey');
    const respondents = new Set(surveys.map((e) => e.customer_id));
    expect(respondents.size).toBe(surveys.length);
    expect(surveys.length / 500).toBeGreaterThan(0.2);
    expect(surveys.length / 500).toBeLessThan(0.4);
    const counts = successfulOrdersPerCustomer(small);
    for (const e of surveys) {
      expect(Number.isInteger(e.score) && (e.score ?? -1) >= 0 && (e.score ?? 11) <= 10).toBe(true);
      expect(counts.get(e.customer_id) ?? 0).toBeGreaterThan(0);
    }
    const scores = (match: (orders: number) => boolean) =>
      surveys.filter((e) => match(counts.get(e.customer_id) ?? 0)).map((e) => e.score ?? 0);
    expect(mean(scores((n) => n >= 3))).toBeGreaterThan(mean(scores((n) => n === 1)) + 1);
  });

  it('has monthly paid-channel costs near sign-ups × CAC and the two exchange rates', () => {
    expect(small.costs).toHaveLength(36 * 4);
    expect(small.costs[0]?.month).toBe('2023-11');
    expect(small.costs[small.costs.length - 1]?.month).toBe('2026-10');
    expect(small.costs.some((c) => c.channel === 'organic')).toBe(false);
    expect(small.costs.every((c) => c.spend >= 0)).toBe(true);
    for (const channel of ['paid_search', 'social', 'affiliate', 'email_referral'] as const) {
      const spend = small.costs
        .filter((c) => c.channel === channel)
        .reduce((s, c) => s + c.spend, 0);
      const signups = small.customers.filter((c) => c.acquisition_channel === channel).length;
      expect(spend / signups).toBeGreaterThan(15);
      expect(spend / signups).toBeLessThan(65);
    }
    expect(small.rates).toEqual([
      { currency: 'GBP', rate_to_base: 1.17 },
      { currency: 'SEK', rate_to_base: 0.087 },
    ]);
  });

  it('makes 150k–250k events for the default 20,000 customers, a few messages a year each', () => {
    const data = generateDemo({ customers: 20_000, seed: 1 });
    expect(data.customers).toHaveLength(20_000);
    expect(data.events.length).toBeGreaterThan(150_000);
    expect(data.events.length).toBeLessThan(250_000);
    const end = Date.parse(END);
    const customerYears = data.customers.reduce(
      (sum, c) => sum + (end - Date.parse(c.signup_date)) / (365.25 * 86_400_000),
      0,
    );
    const campaigns = ofType(data, 'campaign');
    expect(campaigns.filter((e) => e.action === 'sent').length / customerYears).toBeLessThan(6);
    expect(campaigns.length / customerYears).toBeLessThan(14);
  });
});

describe('writeDemoFiles', () => {
  it('writes four CSV files with headers, one line per row and empty cells for nulls', async () => {
    const dir = path.join(await tempDir(), 'nested', 'demo');
    const files = await writeDemoFiles(small, dir);
    expect(Object.values(files).every((file) => path.isAbsolute(file))).toBe(true);
    const lines = async (file: string) => (await readFile(file, 'utf8')).split('\n');
    const events = await lines(files.events);
    expect(events[0]).toBe(
      'event_id,customer_id,type,timestamp,order_id,amount,currency,status,category,action,' +
        'campaign_id,channel,audience_id,score',
    );
    expect(events).toHaveLength(small.events.length + 2);
    expect(events[events.length - 1]).toBe('');
    const purchase = small.events.find((e) => e.type === 'purchase' && e.amount !== null);
    const line = events.find((l) => l.startsWith(`${purchase?.event_id},`));
    expect(line?.split(',')).toEqual([
      purchase?.event_id,
      purchase?.customer_id,
      'purchase',
      purchase?.timestamp,
      purchase?.order_id,
      purchase?.amount?.toFixed(2),
      purchase?.currency,
      purchase?.status,
      ...Array<string>(6).fill(''),
    ]);
    expect((await lines(files.customers))[0]).toBe(
      'customer_id,country,acquisition_channel,signup_date',
    );
    expect(await lines(files.customers)).toHaveLength(501 + 1);
    expect((await lines(files.costs))[0]).toBe('month,channel,spend');
    expect(await readFile(files.rates, 'utf8')).toBe(
      'currency,rate_to_base\nGBP,1.17\nSEK,0.087\n',
    );
  });
});
