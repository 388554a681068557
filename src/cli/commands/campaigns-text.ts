import type {
  CampaignList,
  CampaignReport,
  CampaignSummary,
  Difference,
  LiftGroup,
  WinbackReport,
} from '../../campaigns/campaign-types.js';
import { table } from '../output.js';

// Counts stay numbers so that the table separates thousands and right-aligns them; rates and
// money are text the table right-aligns too; a missing value is a dash.

const percent = (value: number | null): string =>
  value === null ? '-' : `${(value * 100).toFixed(1)} %`;
const moneyText = (value: number): string =>
  value.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
// Money as text with two decimals (right-aligned as numbers are): 80.00, not 80.
const money = (value: number | null): string => (value === null ? '-' : moneyText(value));
const signed = (text: string, value: number): string => `${value >= 0 ? '+' : ''}${text}`;
const when = (instant: string): string => `${instant.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * A difference as people read it: "+2.1 pp (95 % CI 0.8 to 3.4 pp), significant" for rates,
 * the same in the currency for revenue per customer.
 */
export function differenceText(difference: Difference, currency: string): string {
  const rate = difference.method === 'newcombe';
  const plain = (value: number): string => (rate ? (value * 100).toFixed(1) : moneyText(value));
  const unit = rate ? ' pp' : ` ${currency}`;
  return `${signed(plain(difference.value), difference.value)}${unit} (95 % CI ${plain(difference.low)} to ${plain(difference.high)}${unit}), ${difference.significant ? 'significant' : 'not significant'}`;
}

const group = (g: LiftGroup): string =>
  `${percent(g.conversionRate)} of ${g.customers.toLocaleString('en')}`;

/** Each lift of the campaigns (or why there is none), one line per campaign × audience. */
function describeLifts(campaigns: readonly CampaignSummary[], currency: string): string[] {
  const lines: string[] = [];
  for (const c of campaigns) {
    for (const lift of c.lift) {
      lines.push(
        `${c.id} / ${lift.audience.name}: conversion ${group(lift.treated)} treated vs ${group(lift.control)} control within ${lift.windowDays} days: ${differenceText(lift.conversion, currency)}`,
        `  revenue per customer ${moneyText(lift.treated.revenuePerCustomer)} vs ${moneyText(lift.control.revenuePerCustomer)} ${currency}: ${differenceText(lift.revenuePerCustomer, currency)}`,
      );
    }
    for (const absent of c.liftAbsent) {
      lines.push(`${c.id} / ${absent.audience.name}: no lift: ${absent.message}`);
    }
  }
  return lines;
}

function describeWinback(winback: readonly WinbackReport[], currency: string): string[] {
  const lines: string[] = [];
  for (const report of winback) {
    lines.push('', `Winback: ${report.audience.name}${report.reason ? ` (${report.reason})` : ''}`);
    lines.push(
      table([
        [
          'within',
          'treated',
          'reactivated',
          'share',
          'control',
          'reactivated',
          'share',
          'difference',
        ],
        ...report.windows.map((w) => [
          `${w.days} days`,
          w.treated.eligible,
          w.treated.reactivated,
          percent(w.treated.share),
          w.control.eligible,
          w.control.reactivated,
          percent(w.control.share),
          w.difference === null ? '-' : differenceText(w.difference, currency),
        ]),
      ]),
    );
  }
  return lines;
}

/** The campaigns table for people, their lifts and the winback report. */
export function describeCampaignList(list: CampaignList, currency: string): string {
  const { clickDays, openDays } = list.attribution;
  const head = `Campaigns, newest first (attribution: ${clickDays} days after a click, ${openDays} after an open; as of ${list.asOf === null ? '-' : when(list.asOf)})`;
  if (list.campaigns.length === 0) {
    return [head, 'no campaigns in this period', ...describeWinback(list.winback, currency)].join(
      '\n',
    );
  }
  return [
    head,
    table([
      [
        'campaign',
        'first send',
        'channels',
        'recipients',
        'open rate',
        'click rate',
        'attributed orders',
        `attributed revenue ${currency}`,
        'per recipient',
      ],
      ...list.campaigns.map((c) => [
        c.id,
        c.firstSendAt.slice(0, 10),
        c.channels.join(', '),
        c.recipients,
        percent(c.openRate),
        percent(c.clickRate),
        c.attributedOrders,
        money(c.attributedRevenue),
        money(c.revenuePerRecipient),
      ]),
    ]),
    '',
    'Lift (treated − control):',
    ...describeLifts(list.campaigns, currency),
    ...describeWinback(list.winback, currency),
  ].join('\n');
}

/** One campaign for people: its funnel per audience × channel, lift, days and CLV movement. */
export function describeCampaignReport(report: CampaignReport, currency: string): string {
  const c = report.campaign;
  const names = new Map(c.audiences.map((a) => [a.key, a.name]));
  const lines = [
    `Campaign ${c.id}: first sent ${when(c.firstSendAt)}, last event ${when(c.lastEventAt)}, channels ${c.channels.join(', ') || '-'}`,
    `${c.recipients.toLocaleString('en')} recipients, open rate ${percent(c.openRate)}, click rate ${percent(c.clickRate)}, ${c.attributedOrders.toLocaleString('en')} attributed orders, ${moneyText(c.attributedRevenue)} ${currency} attributed revenue`,
    '',
    'Funnel (customers) per audience and channel:',
    table([
      [
        'audience',
        'channel',
        'recipients',
        'sent',
        'delivered',
        'opened',
        'clicked',
        'unsubscribed',
        'bounced',
        'open rate',
        'click rate',
        'click-to-open',
        'attributed orders',
        `revenue ${currency}`,
      ],
      ...report.funnel.map((f) => [
        f.audience.name,
        f.channel,
        f.recipients,
        f.sent,
        f.delivered,
        f.opened,
        f.clicked,
        f.unsubscribed,
        f.bounced,
        percent(f.openRate),
        percent(f.clickRate),
        percent(f.clickToOpenRate),
        f.attributedOrders,
        money(f.attributedRevenue),
      ]),
    ]),
    '',
    'Lift (treated − control):',
    ...describeLifts([c], currency),
    '',
    'By day:',
    report.daily.length === 0
      ? 'no days'
      : table([
          [
            'day',
            'audience',
            'channel',
            'sent',
            'opened',
            'clicked',
            'orders',
            `revenue ${currency}`,
          ],
          ...report.daily.map((d) => [
            d.day,
            names.get(d.audienceKey) ?? d.audienceKey,
            d.channel,
            d.sent,
            d.opened,
            d.clicked,
            d.attributedOrders,
            money(d.attributedRevenue),
          ]),
        ]),
    '',
    'CLV movement (mean per customer, before the send and now):',
  ];
  if (report.clvMovement.length === 0) lines.push(report.clvMovementReason ?? 'no recipients');
  else {
    lines.push(
      table([
        [
          'audience',
          'group',
          'customers',
          'CLV before',
          'CLV now',
          'P(alive) before',
          'P(alive) now',
        ],
        ...report.clvMovement.map((m) => [
          m.audience.name,
          m.responder ? 'responders' : 'non-responders',
          m.customers,
          money(m.clvBefore),
          money(m.clvNow),
          percent(m.pAliveBefore),
          percent(m.pAliveNow),
        ]),
      ]),
    );
  }
  return lines.join('\n');
}
