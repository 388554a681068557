import { requireDerivedTables } from '../model/store-state.js';
import { TABLE } from '../model/table-names.js';
import { ClvError } from '../shared/errors.js';
import type { SqlParams, Warehouse } from '../store/warehouse.js';
import type {
  AttributionWindows,
  CampaignAudience,
  CampaignFunnelRow,
  CampaignSummary,
  FunnelCounts,
  Lift,
  LiftAbsent,
} from './campaign-types.js';
import { attributed, funnelRates } from './funnel-rates.js';
import { inByteOrder } from '../store/sql-dialect.js';

/** What the last refresh's campaign step recorded. */
export interface CampaignState {
  asOf: string;
  attribution: AttributionWindows;
  clvMovementReason: string | null;
}

const ISO = `'%Y-%m-%dT%H:%M:%SZ'`;

/** Fails like every report before a refresh (or after one by a version without campaigns). */
export async function requireCampaignTables(warehouse: Warehouse): Promise<CampaignState> {
  await requireDerivedTables(warehouse);
  // The published view, not a table of the same name in a refresh's own schema.
  const published = await warehouse.query(
    `SELECT 1 FROM information_schema.tables WHERE table_schema = 'main' AND table_name = $name`,
    { name: TABLE.campaignState },
  );
  if (published.length === 0) {
    throw new ClvError('conflict', 'no derived tables yet: run clv refresh first');
  }
  const [row] = await warehouse.query<{
    as_of: string;
    click_days: number;
    open_days: number;
    reason: string | null;
  }>(
    `SELECT strftime(as_of, ${ISO}) AS as_of, click_days, open_days,
            clv_movement_reason AS reason
     FROM campaign_state`,
  );
  if (!row) throw new ClvError('conflict', 'no derived tables yet: run clv refresh first');
  return {
    asOf: row.as_of,
    attribution: { clickDays: row.click_days, openDays: row.open_days },
    clvMovementReason: row.reason,
  };
}

/** Names audience keys: the saved audience's name, the key when unknown, "No audience" for ''. */
export async function audienceNamer(
  warehouse: Warehouse,
): Promise<(key: string) => CampaignAudience> {
  const rows = await warehouse.query<{ audience_id: string; name: string }>(
    `SELECT audience_id, name FROM audiences`,
  );
  const names = new Map(rows.map((row) => [row.audience_id, row.name]));
  return (key) => {
    if (key === '') return { key, name: 'No audience', known: false };
    const name = names.get(key);
    return { key, name: name ?? key, known: name !== undefined };
  };
}

type FunnelRow = {
  campaign_id: string;
  audience_key: string | null;
  channel: string | null;
  send_at: string;
  last_event_at: string;
  recipients: number;
  attributed_orders: number;
  attributed_revenue: number;
} & Record<string, number | string | null>;

const COUNT_COLUMNS = [
  'sent',
  'delivered',
  'opened',
  'clicked',
  'unsubscribed',
  'bounced',
] as const;

/** Reads `campaign_funnel` rows of one level matching a condition on its columns. */
export async function readFunnel(
  warehouse: Warehouse,
  level: 'campaign' | 'channel',
  where: string,
  params: SqlParams,
): Promise<FunnelRow[]> {
  const counts = COUNT_COLUMNS.flatMap((a) => [
    `${a}::DOUBLE AS ${a}`,
    `${a}_events::DOUBLE AS ${a}_events`,
  ]);
  return warehouse.query<FunnelRow>(
    `SELECT campaign_id, audience_key, channel, ${counts.join(', ')},
            recipients::DOUBLE AS recipients, attributed_orders::DOUBLE AS attributed_orders,
            attributed_revenue::DOUBLE AS attributed_revenue,
            strftime(send_at, ${ISO}) AS send_at, strftime(last_event_at, ${ISO}) AS last_event_at
     FROM campaign_funnel WHERE level = '${level}' AND (${where})
     ORDER BY send_at DESC, ${inByteOrder(warehouse.dialect, 'campaign_id', 'audience_key', 'channel')}`,
    params,
  );
}

function countsOf(row: FunnelRow): FunnelCounts {
  const n = (column: string): number => Number(row[column] ?? 0);
  return {
    sent: n('sent'),
    delivered: n('delivered'),
    opened: n('opened'),
    clicked: n('clicked'),
    unsubscribed: n('unsubscribed'),
    bounced: n('bounced'),
    sentEvents: n('sent_events'),
    deliveredEvents: n('delivered_events'),
    openedEvents: n('opened_events'),
    clickedEvents: n('clicked_events'),
    unsubscribedEvents: n('unsubscribed_events'),
    bouncedEvents: n('bounced_events'),
    recipients: n('recipients'),
  };
}

/** A funnel row with its rates and attributed figures. */
export function funnelFigures(row: FunnelRow) {
  const counts = countsOf(row);
  return {
    ...counts,
    ...funnelRates(counts),
    ...attributed(row.attributed_orders, row.attributed_revenue, counts.recipients),
  };
}

/** The per audience × channel rows of some campaigns, as the answers give them. */
export function funnelRows(
  rows: FunnelRow[],
  name: (key: string) => CampaignAudience,
): Map<string, CampaignFunnelRow[]> {
  const byCampaign = new Map<string, CampaignFunnelRow[]>();
  for (const row of rows) {
    const list = byCampaign.get(row.campaign_id) ?? [];
    list.push({
      audience: name(row.audience_key ?? ''),
      channel: row.channel ?? '',
      ...funnelFigures(row),
    });
    byCampaign.set(row.campaign_id, list);
  }
  return byCampaign;
}

/** Campaign summaries from their campaign rows, their channel rows and their lift. */
export function summaries(
  campaignRows: FunnelRow[],
  channelRows: Map<string, CampaignFunnelRow[]>,
  lift: Map<string, { lift: Lift[]; liftAbsent: LiftAbsent[] }>,
): CampaignSummary[] {
  return campaignRows.map((row) => {
    const fine = channelRows.get(row.campaign_id) ?? [];
    const audiences = new Map(fine.map((f) => [f.audience.key, f.audience]));
    return {
      id: row.campaign_id,
      firstSendAt: row.send_at,
      lastEventAt: row.last_event_at,
      channels: [...new Set(fine.map((f) => f.channel))].sort(),
      audiences: [...audiences.values()],
      ...funnelFigures(row),
      lift: lift.get(row.campaign_id)?.lift ?? [],
      liftAbsent: lift.get(row.campaign_id)?.liftAbsent ?? [],
    };
  });
}
