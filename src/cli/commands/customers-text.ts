import type { AtRiskItem } from '../../customers/at-risk-customers.js';
import type { CustomerItem } from '../../customers/customer-item.js';
import type { CustomerProfile, Prediction } from '../../customers/customer-profile.js';
import type { Page } from '../../customers/paging.js';
import { table } from '../output.js';

const money = (value: number | null): string =>
  value === null
    ? '-'
    : value.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const share = (value: number | null): string => (value === null ? '-' : value.toFixed(3));

/** Which rows of the list a page holds, for the line under its table, and why it is empty. */
function range(page: Page<unknown> & { note?: string | null }): string {
  if (page.note) return `nobody listed: ${page.note}`;
  if (page.items.length === 0) return `none of ${page.total} (offset ${page.offset})`;
  return `${page.offset + 1}-${page.offset + page.items.length} of ${page.total}`;
}

/** A page of customers as a table; at-risk customers add their churn risk. */
export function describeCustomerList(
  page: Page<CustomerItem | AtRiskItem> & { note?: string | null },
): string {
  const risk = page.items.some((item) => 'churnRisk' in item);
  const header = ['customer', 'orders', 'first order', 'last order', 'historic CLV'];
  header.push('predicted CLV', 'P(alive)', ...(risk ? ['churn risk'] : []));
  const rows = page.items.map((item) => [
    item.customerId,
    item.orders,
    item.firstOrder ?? '-',
    item.lastOrder ?? '-',
    money(item.historicClv),
    money(item.predictedClv),
    share(item.pAlive),
    ...('churnRisk' in item ? [share(item.churnRisk)] : []),
  ]);
  return `${table([header, ...rows])}\n${range(page)}`;
}

/** One customer's profile as sections of text. */
export function describeProfile(profile: CustomerProfile): string {
  const { historic, prediction, timeline } = profile;
  const attributes = Object.entries(profile.attributes)
    .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
  const consents = profile.consents.map((consent) => [
    `  ${consent.category}`,
    consent.channel,
    consent.granted ? 'granted' : 'not granted',
    consent.since === null ? 'never answered' : `since ${consent.since}`,
  ]);
  const lines = [
    `customer ${profile.customerId} (amounts in ${profile.currency})`,
    `attributes: ${attributes || '-'}`,
    'consents:',
    ...(consents.length > 0 ? [table(consents)] : ['  -']),
    `orders: ${historic.orders} successful (${historic.firstOrder ?? '-'} .. ${historic.lastOrder ?? '-'}), revenue ${money(historic.revenue)}, APV ${money(historic.apv)}; ${historic.canceled} canceled, ${historic.returned} returned, ${historic.other} other`,
    ...describePrediction(prediction),
    `events, newest first (${range(timeline)}):`,
  ];
  if (timeline.items.length > 0) {
    const events = timeline.items.map((event) => [
      `  ${event.ts}`,
      event.type,
      [
        event.orderId && `order ${event.orderId}`,
        event.amount !== null && money(event.amount),
        event.status,
        event.category,
        event.action,
        event.campaignId && `campaign ${event.campaignId}`,
        event.channel,
        event.score !== null && `score ${event.score}`,
        event.csat !== null && `CSAT ${event.csat}`,
      ]
        .filter((part) => typeof part === 'string' && part !== '')
        .join(' '),
    ]);
    lines.push(table(events));
  }
  return lines.join('\n');
}

/** The prediction lines of a profile: the values, or what stands in their place and why. */
function describePrediction(prediction: Prediction | null): string[] {
  if (!prediction) return ['prediction: none (the customer has no successful order)'];
  const p = prediction;
  const lines = [
    `prediction: P(alive) ${share(p.pAlive)}, churn risk ${share(p.churnRisk)}, ${share(p.expectedPurchases)} purchases of ${money(p.expectedSpend)} expected, predicted CLV ${money(p.predictedClv)} (90 % interval of the expected value: ${money(p.predictedClvLow)} .. ${money(p.predictedClvHigh)})`,
    `spend over the horizon: ${money(p.spendLow)} .. ${money(p.spendHigh)} (90 % predictive interval)`,
    `next purchase: ${p.nextPurchaseDate ? `more likely than not by ${p.nextPurchaseDate}` : p.pAlive === null ? '-' : 'not expected within the horizon'}`,
  ];
  if (p.status !== 'ok') lines.push(`prediction ${p.status}: ${p.reason ?? '-'}`);
  return lines;
}
