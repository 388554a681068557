import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../api/types';
import { eventDetails, formatInstant, timelineTable } from './timeline-rows';

const none = {
  orderId: null,
  amount: null,
  status: null,
  category: null,
  action: null,
  campaignId: null,
  channel: null,
  score: null,
  csat: null,
};
const purchase: TimelineEvent = {
  ...none,
  eventId: 'E2',
  ts: '2026-08-31T10:08:06.000Z',
  kind: 'purchase',
  type: 'purchase',
  orderId: 'O58',
  amount: 1317.41,
  status: 'success',
};
const consent: TimelineEvent = {
  ...none,
  eventId: 'E1',
  ts: '2026-02-03T09:16:24.000Z',
  kind: 'consent',
  type: 'consent',
  category: 'sms',
  action: 'revoke',
};
const campaign: TimelineEvent = {
  ...none,
  eventId: 'E3',
  ts: '2026-01-01T08:03:17.000Z',
  kind: 'campaign',
  type: 'campaign',
  action: 'opened',
  campaignId: 'CMP-1',
  channel: 'email',
};
const survey: TimelineEvent = {
  ...none,
  eventId: 'E4',
  ts: '',
  kind: 'survey',
  type: 'survey',
  score: 9,
  csat: 4,
};
const context = { currency: 'EUR', locale: 'en-US' };

describe('customer timeline', () => {
  it('keeps every raw field in the table, nulls as null', () => {
    const table = timelineTable([purchase, consent]);
    expect(table.rows[0]).toMatchObject({
      ts: '2026-08-31T10:08:06.000Z',
      type: 'purchase',
      orderId: 'O58',
      amount: 1317.41,
      status: 'success',
      action: null,
      score: null,
    });
    expect(table.rows[1]).toMatchObject({ category: 'sms', action: 'revoke', amount: null });
    expect(table.columns).toHaveLength(13);
  });

  it('says what each kind of event means in one line', () => {
    expect(eventDetails(purchase, context)).toBe('Order O58 · success');
    expect(eventDetails(consent, context)).toBe('sms: revoke');
    expect(eventDetails(campaign, context)).toBe('CMP-1 (email): opened');
    expect(eventDetails(survey, context)).toBe('score 9 · CSAT 4');
  });

  it('formats an instant in the given zone', () => {
    expect(formatInstant(purchase.ts, 'en-US', 'UTC')).toBe('Aug 31, 2026, 10:08 AM');
    expect(formatInstant('not a time', 'en-US', 'UTC')).toBe('not a time');
  });
});
