import type { TimelineEvent } from '../../api/types';
import type { TableData } from '../../format/csv';
import { formatValue, type FormatContext } from '../../format/format';

/** The events as a table with every raw field, newest first as the API gives them. */
export function timelineTable(events: readonly TimelineEvent[]): TableData {
  return {
    columns: [
      { key: 'ts', label: 'Time (UTC)', format: 'text' },
      { key: 'kind', label: 'Kind', format: 'text' },
      { key: 'type', label: 'Type', format: 'text' },
      { key: 'orderId', label: 'Order', format: 'text' },
      { key: 'amount', label: 'Amount', format: 'money' },
      { key: 'status', label: 'Status', format: 'text' },
      { key: 'category', label: 'Consent category', format: 'text' },
      { key: 'action', label: 'Action', format: 'text' },
      { key: 'campaignId', label: 'Campaign', format: 'text' },
      { key: 'channel', label: 'Channel', format: 'text' },
      { key: 'score', label: 'Survey score', format: 'count' },
      { key: 'csat', label: 'CSAT', format: 'count' },
      { key: 'eventId', label: 'Event', format: 'text' },
    ],
    rows: events.map((e) => ({
      ts: e.ts,
      kind: e.kind,
      type: e.type,
      orderId: e.orderId,
      amount: e.amount,
      status: e.status,
      category: e.category,
      action: e.action,
      campaignId: e.campaignId,
      channel: e.channel,
      score: e.score,
      csat: e.csat,
      eventId: e.eventId,
    })),
  };
}

/**
 * What an event says, in one line: the order and its status, the consent given or taken back,
 * the campaign and what the customer did with it, the survey's answers.
 */
export function eventDetails(event: TimelineEvent, context: FormatContext): string {
  const parts: string[] = [];
  if (event.orderId) parts.push(`Order ${event.orderId}`);
  if (event.status) parts.push(event.status);
  if (event.category) parts.push(`${event.category}: ${event.action ?? '—'}`);
  if (event.campaignId) {
    const channel = event.channel ? ` (${event.channel})` : '';
    parts.push(`${event.campaignId}${channel}${event.action ? `: ${event.action}` : ''}`);
  }
  if (!event.category && !event.campaignId && event.action) parts.push(event.action);
  if (event.score !== null) parts.push(`score ${formatValue(event.score, 'count', context)}`);
  if (event.csat !== null) parts.push(`CSAT ${formatValue(event.csat, 'count', context)}`);
  return parts.join(' · ');
}

/** An instant in the locale's medium date and short time (the browser's time zone). */
export function formatInstant(iso: string, locale?: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(date);
}
