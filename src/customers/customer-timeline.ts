import type { Warehouse } from '../store/warehouse.js';
import { queryPage, type Page } from './paging.js';

/** One event of a customer's history, as the dashboard's timeline shows it. */
export interface TimelineEvent {
  eventId: string;
  /** ISO, UTC. */
  ts: string;
  kind: string;
  type: string;
  orderId: string | null;
  /** In the base currency. */
  amount: number | null;
  status: string | null;
  /** The consent category. */
  category: string | null;
  /** The consent's or the campaign's action. */
  action: string | null;
  campaignId: string | null;
  channel: string | null;
  /** The survey's score (0–10) and CSAT (1–5). */
  score: number | null;
  csat: number | null;
}

type TimelineRow = {
  event_id: string;
  iso: string;
  kind: string;
  type: string;
  order_id: string | null;
  amount: number | null;
  status: string | null;
  consent_category: string | null;
  action: string | null;
  campaign_id: string | null;
  campaign_channel: string | null;
  survey_score: number | null;
  survey_csat: number | null;
};

const EVENTS = `
  SELECT event_id, strftime(ts, '%Y-%m-%dT%H:%M:%S.%gZ') AS iso, kind, type, order_id, amount,
         status, consent_category, coalesce(consent_action, campaign_action) AS action,
         campaign_id, campaign_channel, survey_score, survey_csat, ts, import_id, source_line
  FROM events WHERE customer_id = $customerId`;

/** A page of the customer's events, newest first (at one instant, the later import first). */
export async function customerTimeline(
  warehouse: Warehouse,
  customerId: string,
  page: { limit: number; offset: number },
): Promise<Page<TimelineEvent>> {
  const { rows, total } = await queryPage<TimelineRow>(
    warehouse,
    EVENTS,
    { customerId },
    'ts DESC, import_id DESC, source_line DESC',
    page,
  );
  const items = rows.map((row) => ({
    eventId: row.event_id,
    ts: row.iso,
    kind: row.kind,
    type: row.type,
    orderId: row.order_id,
    amount: row.amount,
    status: row.status,
    category: row.consent_category,
    action: row.action,
    campaignId: row.campaign_id,
    channel: row.campaign_channel,
    score: row.survey_score,
    csat: row.survey_csat,
  }));
  return { items, total, ...page };
}
