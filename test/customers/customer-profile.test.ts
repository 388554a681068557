import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerProfile } from '../../src/customers/customer-profile.js';
import { importFile } from '../../src/ingest/import-file.js';
import { refresh } from '../../src/model/refresh.js';
import { projectTest } from '../helpers/project-test.js';
import { handMadeShop } from '../helpers/hand-made-shop.js';
import type { TempProject } from '../helpers/temp-project.js';

const test = projectTest();

// c2 accepts SMS, revokes it twice, and accepts a category the config does not map.
const MORE_EVENTS = [
  'event_id,customer_id,type,timestamp,category,action,campaign_id,channel,score',
  'x1,c2,consent,2024-01-05T08:00:00Z,sms,accept,,,',
  'x2,c2,consent,2024-02-10T08:00:00Z,sms,revoke,,,',
  'x3,c2,consent,2024-03-01T08:00:00Z,sms,revoke,,,',
  'x4,c2,consent,2024-02-20T09:30:00Z,partners,accept,,,',
  'x5,c2,campaign,2024-01-14T10:00:00Z,,open,spring,email,',
  'x6,c2,survey,2024-01-20T10:00:00Z,,,,,9',
].join('\n');

const event = (fields: object) => ({
  orderId: null,
  amount: null,
  status: null,
  category: null,
  action: null,
  campaignId: null,
  channel: null,
  score: null,
  csat: null,
  ...fields,
});

describe('customerProfile on the hand-made shop', () => {
  let t: TempProject;
  beforeAll(async () => {
    t = await handMadeShop({ customers: true });
    await importFile(t.warehouse, t.project, {
      file: await t.file('more.csv', MORE_EVENTS),
      kind: 'events',
    });
    await refresh(t.warehouse, t.project.config);
  });
  afterAll(() => t.cleanup());

  const profile = (id: string, options = {}) =>
    customerProfile(t.warehouse, t.project.config, id, options);

  it('shows c1: a returned order, an unbroken newsletter consent, and every event newest first', async () => {
    expect(await profile('c1')).toEqual({
      customerId: 'c1',
      currency: 'EUR',
      attributes: { acquisition_channel: 'social' },
      // The revoke of Feb 1 was overruled at the same instant by a later-imported accept, so
      // the newsletter consent has held since Jan 1.
      consents: [
        {
          category: 'newsletter',
          channel: 'email',
          granted: true,
          since: '2024-01-01T00:00:00.000Z',
          action: 'accept',
        },
        { category: 'sms', channel: 'sms', granted: false, since: null, action: null },
      ],
      // A (100) was returned; B (50, no status) succeeded.
      historic: {
        orders: 1,
        revenue: 50,
        firstOrder: '2024-02-05',
        lastOrder: '2024-02-05',
        apv: 50,
        canceled: 0,
        returned: 1,
        other: 0,
      },
      prediction: null,
      timeline: {
        items: [
          event({
            eventId: 'e3',
            ts: '2024-02-05T12:00:00.000Z',
            kind: 'purchase',
            type: 'purchase',
            orderId: 'B',
            amount: 50,
          }),
          // Same instant: the later import line first.
          event({
            eventId: 'e12',
            ts: '2024-02-01T00:00:00.000Z',
            kind: 'consent',
            type: 'consent',
            category: 'newsletter',
            action: 'accept',
          }),
          event({
            eventId: 'e11',
            ts: '2024-02-01T00:00:00.000Z',
            kind: 'consent',
            type: 'consent',
            category: 'newsletter',
            action: 'revoke',
          }),
          event({
            eventId: 'e2',
            ts: '2024-01-20T12:00:00.000Z',
            kind: 'purchase',
            type: 'purchase',
            orderId: 'A',
            status: 'returned',
          }),
          event({
            eventId: 'e1',
            ts: '2024-01-10T12:00:00.000Z',
            kind: 'purchase',
            type: 'purchase',
            orderId: 'A',
            amount: 100,
            status: 'success',
          }),
          event({
            eventId: 'e10',
            ts: '2024-01-01T00:00:00.000Z',
            kind: 'consent',
            type: 'consent',
            category: 'newsletter',
            action: 'accept',
          }),
        ],
        total: 6,
        limit: 50,
        offset: 0,
      },
    });
  });

  it('pages the timeline', async () => {
    const { timeline } = await profile('c1', { eventsLimit: 2, eventsOffset: 3 });
    expect(timeline.items.map((item) => item.eventId)).toEqual(['e2', 'e1']);
    expect(timeline).toMatchObject({ total: 6, limit: 2, offset: 3 });
    expect((await profile('c1', { eventsOffset: 6 })).timeline).toEqual({
      items: [],
      total: 6,
      limit: 50,
      offset: 6,
    });
  });

  it('shows c2: money converted, consents in and outside the config, campaigns and surveys', async () => {
    const c2 = await profile('c2');
    expect(c2.consents).toEqual([
      { category: 'newsletter', channel: 'email', granted: false, since: null, action: null },
      // A second revoke does not restart the state.
      {
        category: 'sms',
        channel: 'sms',
        granted: false,
        since: '2024-02-10T08:00:00.000Z',
        action: 'revoke',
      },
      {
        category: 'partners',
        channel: 'other',
        granted: true,
        since: '2024-02-20T09:30:00.000Z',
        action: 'accept',
      },
    ]);
    // C is 80 GBP at 1.25, its amount on its second event.
    expect(c2.historic).toEqual({
      orders: 1,
      revenue: 100,
      firstOrder: '2024-01-15',
      lastOrder: '2024-01-15',
      apv: 100,
      canceled: 0,
      returned: 0,
      other: 0,
    });
    expect(c2.timeline.items.map((item) => item.eventId)).toEqual([
      'x3',
      'x4',
      'x2',
      'x6',
      'e5',
      'e4',
      'x5',
      'x1',
    ]);
    expect(c2.timeline.items[3]).toEqual(
      event({
        eventId: 'x6',
        ts: '2024-01-20T10:00:00.000Z',
        kind: 'survey',
        type: 'survey',
        score: 9,
      }),
    );
    expect(c2.timeline.items[4]).toEqual(
      event({
        eventId: 'e5',
        ts: '2024-01-16T12:00:00.000Z',
        kind: 'purchase',
        type: 'purchase',
        orderId: 'C',
        amount: 100,
        status: 'success',
      }),
    );
    expect(c2.timeline.items[6]).toEqual(
      event({
        eventId: 'x5',
        ts: '2024-01-14T10:00:00.000Z',
        kind: 'campaign',
        type: 'campaign',
        action: 'open',
        campaignId: 'spring',
        channel: 'email',
      }),
    );
  });

  it('shows c3 with a canceled order and c4 who never bought', async () => {
    const c3 = await profile('c3');
    expect(c3.historic).toEqual({
      orders: 1,
      revenue: 20,
      firstOrder: '2024-03-02',
      lastOrder: '2024-03-02',
      apv: 20,
      canceled: 1,
      returned: 0,
      other: 0,
    });
    // e6 and e7 share an instant: the cancel, imported later, comes first.
    expect(c3.timeline.items.map((item) => [item.eventId, item.status])).toEqual([
      ['e8', 'success'],
      ['e7', 'canceled'],
      ['e6', 'success'],
    ]);
    const c4 = await profile('c4');
    expect(c4.attributes).toEqual({});
    expect(c4.historic).toEqual({
      orders: 0,
      revenue: 0,
      firstOrder: null,
      lastOrder: null,
      apv: null,
      canceled: 0,
      returned: 0,
      other: 1,
    });
    expect(c4.prediction).toBeNull();
  });
});

describe('customer queries before a refresh', () => {
  test('ask for one', async ({ keep }) => {
    const t = await keep(handMadeShop());
    await expect(customerProfile(t.warehouse, t.project.config, 'c1')).rejects.toThrow(
      'no derived tables yet: run clv refresh first',
    );
  });
});
