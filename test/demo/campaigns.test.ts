import { describe, expect, it } from 'vitest';
import { demoSends } from '../../src/demo/campaign-schedule.js';
import { DEMO_AUDIENCE_IDS } from '../../src/demo/demo-audiences.js';
import { generateDemo } from '../../src/demo/generate.js';
import type { DemoData, DemoEvent } from '../../src/demo/types.js';

const DAY_MS = 86_400_000;
const shop = generateDemo({ customers: 4000, seed: 3 });
const campaignEvents = shop.events.filter((e) => e.type === 'campaign');

const ms = (timestamp: string): number => Date.parse(timestamp);

/** Each campaign's events, in time order. */
function byCampaign(data: DemoData): Map<string, DemoEvent[]> {
  const campaigns = new Map<string, DemoEvent[]>();
  for (const e of data.events) {
    if (e.type !== 'campaign') continue;
    const list = campaigns.get(e.campaign_id ?? '') ?? [];
    list.push(e);
    campaigns.set(e.campaign_id ?? '', list);
  }
  return campaigns;
}

/** Each customer's successful orders' times (the order's first event; canceled and returned left out). */
function successfulOrders(data: DemoData): Map<string, number[]> {
  const orders = new Map<string, DemoEvent[]>();
  for (const e of data.events) {
    if (e.type === 'purchase')
      orders.set(e.order_id ?? '', [...(orders.get(e.order_id ?? '') ?? []), e]);
  }
  const times = new Map<string, number[]>();
  for (const events of orders.values()) {
    const [first] = events;
    if (!first || events[events.length - 1]?.status !== 'success') continue;
    times.set(first.customer_id, [...(times.get(first.customer_id) ?? []), ms(first.timestamp)]);
  }
  return times;
}

const orders = successfulOrders(shop);
const campaigns = byCampaign(shop);

/** Whether the customer has a successful order in [from, from + days). */
function ordersWithin(customer: string, from: number, days: number): boolean {
  return (orders.get(customer) ?? []).some((t) => t >= from && t < from + days * DAY_MS);
}

describe('the demo’s campaigns', () => {
  it('are the same for the same options and differ for another seed', () => {
    const again = generateDemo({ customers: 4000, seed: 3 });
    expect(again.activations).toEqual(shop.activations);
    expect(again.events).toEqual(shop.events);
    const other = generateDemo({ customers: 4000, seed: 4 });
    expect(other.activations.map((a) => a.id)).not.toEqual(shop.activations.map((a) => a.id));
  });

  it('go to the demo’s audiences, one activation per campaign, made before its first send and stopped after', () => {
    const audiences = new Set<string>(Object.values(DEMO_AUDIENCE_IDS));
    expect(shop.activations.map((a) => a.campaignId).sort()).toEqual([...campaigns.keys()].sort());
    const ids = shop.activations.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const activation of shop.activations) {
      expect(activation.id).toMatch(/^act_[0-9a-f]{10}$/);
      expect(audiences.has(activation.audienceId)).toBe(true);
      expect(activation.holdoutShare).toBe(0.1);
      const events = campaigns.get(activation.campaignId) ?? [];
      expect(new Set(events.map((e) => e.audience_id))).toEqual(new Set([activation.audienceId]));
      const firstSend = events.find((e) => e.action === 'sent')?.timestamp ?? '';
      expect(activation.createdAt < firstSend).toBe(true);
      expect(ms(firstSend) - ms(activation.createdAt)).toBeLessThanOrEqual(2 * 3600_000);
      expect(activation.stoppedAt > firstSend).toBe(true);
      // The send's activation is its audience's latest one at the send: no other comes between.
      const between = shop.activations.filter(
        (other) =>
          other.audienceId === activation.audienceId &&
          other.createdAt > activation.createdAt &&
          other.createdAt <= firstSend,
      );
      expect(between).toEqual([]);
    }
  });

  it('hold out about 10 % of each send’s eligible customers, who get none of its events', () => {
    let controls = 0;
    let eligible = 0;
    for (const activation of shop.activations) {
      const events = campaigns.get(activation.campaignId) ?? [];
      const reached = new Set(events.map((e) => e.customer_id));
      const held = new Set(activation.controls);
      expect(held.size).toBe(activation.controls.length);
      for (const customer of held) expect(reached.has(customer)).toBe(false);
      // Every customer with an event was sent the message.
      const sent = new Set(events.filter((e) => e.action === 'sent').map((e) => e.customer_id));
      expect(sent).toEqual(reached);
      // The send reaches a share of the eligible customers not held out (its rotation), so
      // the eligible are the held out and the sent scaled back up by that share.
      const reach = demoSends.find((s) => s.campaignId === activation.campaignId)?.reach ?? 1;
      const sendEligible = held.size + sent.size / reach;
      controls += held.size;
      eligible += sendEligible;
      if (sendEligible >= 500) {
        expect(held.size / sendEligible).toBeGreaterThan(0.06);
        expect(held.size / sendEligible).toBeLessThan(0.14);
      }
    }
    expect(controls / eligible).toBeGreaterThan(0.09);
    expect(controls / eligible).toBeLessThan(0.11);
    // A control customer stays out of every send of that audience (as the product's holdout).
    const heldOut = new Map<string, Set<string>>();
    for (const a of shop.activations) {
      const set = heldOut.get(a.audienceId) ?? new Set<string>();
      for (const customer of a.controls) set.add(customer);
      heldOut.set(a.audienceId, set);
    }
    for (const e of campaignEvents) {
      expect(heldOut.get(e.audience_id ?? '')?.has(e.customer_id)).not.toBe(true);
    }
  });

  it('are delivered mostly, bounce a little, and lose a few subscribers at their consent revokes', () => {
    const count = (channel: string, action: string) =>
      campaignEvents.filter((e) => e.channel === channel && e.action === action).length;
    for (const channel of ['email', 'sms']) {
      const sent = count(channel, 'sent');
      expect(count(channel, 'delivered') / sent).toBeGreaterThan(0.95);
      expect(count(channel, 'bounced') / sent).toBeGreaterThan(0.005);
      expect(count(channel, 'bounced') / sent).toBeLessThan(0.04);
      expect(count(channel, 'unsubscribed') / sent).toBeLessThan(0.01);
    }
    const revokes = new Set(
      shop.events
        .filter((e) => e.type === 'consent' && e.action === 'revoke')
        .map((e) => `${e.customer_id}|${e.category}|${e.timestamp}`),
    );
    const unsubscribed = campaignEvents.filter((e) => e.action === 'unsubscribed');
    expect(unsubscribed.length).toBeGreaterThan(5);
    for (const e of unsubscribed) {
      const category = e.channel === 'email' ? 'newsletter' : 'sms';
      expect(revokes.has(`${e.customer_id}|${category}|${e.timestamp}`)).toBe(true);
    }
    // Per customer and campaign: one send, then at most one of each response, never a bounce
    // with anything but the send.
    const responses = new Map<string, string[]>();
    for (const e of campaignEvents) {
      const key = `${e.customer_id}|${e.campaign_id}`;
      responses.set(key, [...(responses.get(key) ?? []), e.action ?? '']);
    }
    for (const actions of responses.values()) {
      expect(actions[0]).toBe('sent');
      expect(new Set(actions).size).toBe(actions.length);
      if (actions.includes('bounced')) expect(actions).toEqual(['sent', 'bounced']);
    }
  });

  it('bring orders after clicks more often than not, to the treated only, so lift is positive', () => {
    let clicks = 0;
    let clicksWithOrder = 0;
    for (const e of campaignEvents.filter((x) => x.action === 'clicked')) {
      clicks += 1;
      if (ordersWithin(e.customer_id, ms(e.timestamp), 7)) clicksWithOrder += 1;
    }
    expect(clicks).toBeGreaterThan(500);
    expect(clicksWithOrder / clicks).toBeGreaterThan(0.5);
    // Over every send: conversion within a week of the send, treated against control.
    const groups = { treated: [0, 0], control: [0, 0] };
    for (const activation of shop.activations) {
      const events = campaigns.get(activation.campaignId) ?? [];
      const sendAt = ms(events.find((e) => e.action === 'sent')?.timestamp ?? '');
      const count = (group: number[], customer: string): void => {
        group[0] = (group[0] ?? 0) + 1;
        if (ordersWithin(customer, sendAt, 7)) group[1] = (group[1] ?? 0) + 1;
      };
      const sent = new Set(events.filter((e) => e.action === 'sent').map((e) => e.customer_id));
      for (const customer of sent) count(groups.treated, customer);
      for (const customer of activation.controls) count(groups.control, customer);
    }
    const rate = ([n = 0, x = 0]: number[]) => x / n;
    expect(groups.control[0]).toBeGreaterThan(1000);
    expect(rate(groups.treated) - rate(groups.control)).toBeGreaterThan(0.02);
  });

  it('send winback to email subscribers with no order for longer than the churn window', () => {
    const winback = campaignEvents.filter((e) => e.audience_id === DEMO_AUDIENCE_IDS.winback);
    expect(winback.filter((e) => e.action === 'sent').length).toBeGreaterThan(50);
    for (const e of winback.filter((x) => x.action === 'sent')) {
      expect(e.campaign_id).toMatch(/-WINBACK$/);
      expect(e.channel).toBe('email');
      const sentAt = ms(e.timestamp);
      const before = (orders.get(e.customer_id) ?? []).filter((t) => t < sentAt);
      expect(before.length).toBeGreaterThan(0);
      expect(sentAt - Math.max(...before)).toBeGreaterThan(365 * DAY_MS);
    }
    // A shorter churn window reaches more lapsed customers, earlier.
    const shorter = generateDemo({ customers: 4000, seed: 3, churnWindowDays: 120 });
    const sends = (data: DemoData) =>
      data.events.filter((e) => e.audience_id === DEMO_AUDIENCE_IDS.winback && e.action === 'sent')
        .length;
    expect(sends(shorter)).toBeGreaterThan(2 * sends(shop));
  });

  it('bring lapsed customers back: winback’s treated reorder within 30 days more than its control', () => {
    // Winback's control is small in a shop this size: four shops pooled.
    const reordered = { treated: [0, 0], control: [0, 0] };
    for (const data of [
      shop,
      ...[4, 5, 6].map((seed) => generateDemo({ customers: 4000, seed })),
    ]) {
      const bought = successfulOrders(data);
      const entered = new Map<string, number>();
      const control = new Map<string, number>();
      for (const a of data.activations) {
        if (a.audienceId !== DEMO_AUDIENCE_IDS.winback) continue;
        for (const customer of a.controls) {
          if (!control.has(customer)) control.set(customer, ms(a.createdAt));
        }
      }
      for (const e of data.events) {
        if (e.audience_id !== DEMO_AUDIENCE_IDS.winback || e.action !== 'sent') continue;
        if (!entered.has(e.customer_id)) entered.set(e.customer_id, ms(e.timestamp));
      }
      for (const [group, members] of [
        [reordered.treated, entered],
        [reordered.control, control],
      ] as const) {
        for (const [customer, at] of members) {
          group[0] = (group[0] ?? 0) + 1;
          const back = (bought.get(customer) ?? []).some((t) => t > at && t <= at + 30 * DAY_MS);
          if (back) group[1] = (group[1] ?? 0) + 1;
        }
      }
    }
    const share = ([n = 0, x = 0]: number[]) => x / n;
    expect(reordered.control[0]).toBeGreaterThan(20);
    expect(share(reordered.treated)).toBeGreaterThan(0.08);
    expect(share(reordered.treated)).toBeGreaterThan(share(reordered.control) + 0.05);
  });
});

describe('the demo’s campaigns on odd shops', () => {
  it('finish, hold only finite amounts and well-formed activations for tiny shops and odd windows', () => {
    for (const [customers, seed, churnWindowDays] of [
      [1, 1, 365],
      [2, 9, 1],
      [5, 123_456_789_012, 3660],
      [40, 7, 30],
    ] as const) {
      const data = generateDemo({ customers, seed, churnWindowDays });
      const ids = new Set(data.customers.map((c) => c.customer_id));
      for (const e of data.events) {
        if (e.amount !== null) expect(Number.isFinite(e.amount) && e.amount > 0).toBe(true);
      }
      const sentCampaigns = new Set(
        data.events.filter((e) => e.action === 'sent').map((e) => e.campaign_id),
      );
      for (const a of data.activations) {
        expect(a.id).toMatch(/^act_[0-9a-f]{10}$/);
        expect(sentCampaigns.has(a.campaignId)).toBe(true);
        for (const customer of a.controls) expect(ids.has(customer)).toBe(true);
        expect(a.createdAt < a.stoppedAt).toBe(true);
      }
      expect(data.activations.length).toBe(sentCampaigns.size);
    }
  });
});
