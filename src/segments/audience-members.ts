import { ClvError } from '../shared/errors.js';
import type { Row, Warehouse } from '../store/warehouse.js';
import { requireFeatures } from './audience-rule.js';
import { audienceRow } from './audience-store.js';
import { csvField } from '../shared/csv-field.js';

/** One current member with the values a list or export shows. */
export interface AudienceMember {
  customerId: string;
  enteredAt: string;
  revenue: number | null;
  predictedClv: number | null;
  pAlive: number | null;
  emailSubscribed: boolean;
}

export interface MemberPage {
  total: number;
  members: AudienceMember[];
}

export const MEMBERS_LIMIT_MAX = 1000;

const MEMBERS_SQL = `SELECT m.customer_id, strftime(m.entered_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS entered_at,
    f.revenue, f.predicted_clv, f.p_alive, coalesce(f.email_subscribed, false) AS email_subscribed
  FROM audience_members m LEFT JOIN customer_features f USING (customer_id)
  WHERE m.audience_id = $id AND m.exited_at IS NULL`;

/** A page of an audience's current members, highest predicted CLV first, then by id. */
export async function audienceMembers(
  warehouse: Warehouse,
  id: string,
  page: { limit?: number; offset?: number },
): Promise<MemberPage> {
  const limit = page.limit ?? 50;
  const offset = page.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MEMBERS_LIMIT_MAX) {
    throw new ClvError('bad_input', `limit: must be a whole number from 1 to ${MEMBERS_LIMIT_MAX}`);
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new ClvError('bad_input', 'offset: must be a whole number ≥ 0');
  }
  await audienceRow(warehouse, id);
  await requireFeatures(warehouse);
  const [count] = await warehouse.query<{ n: number }>(
    `SELECT count(*) AS n FROM audience_members WHERE audience_id = $id AND exited_at IS NULL`,
    { id },
  );
  const rows = await warehouse.query(
    `${MEMBERS_SQL} ORDER BY f.predicted_clv DESC NULLS LAST, ${warehouse.dialect.inByteOrder('m.customer_id')}
     LIMIT $limit OFFSET $offset`,
    { id, limit, offset },
  );
  return { total: count?.n ?? 0, members: rows.map(member) };
}

function member(row: Row): AudienceMember {
  return {
    customerId: String(row['customer_id']),
    enteredAt: String(row['entered_at']),
    revenue: numberOrNull(row['revenue']),
    predictedClv: numberOrNull(row['predicted_clv']),
    pAlive: numberOrNull(row['p_alive']),
    emailSubscribed: row['email_subscribed'] === true,
  };
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export const MEMBER_CSV_COLUMNS = [
  'customer_id',
  'entered_at',
  'revenue',
  'predicted_clv',
  'p_alive',
  'email_subscribed',
] as const;

/**
 * The whole current membership as CSV text, a chunk of rows at a time from the warehouse's
 * stream, so an audience of a million members never sits in memory at once. The checks (the
 * audience exists, the store was refreshed) run before it returns, so they fail before any
 * byte is sent.
 */
export async function openMembersCsv(
  warehouse: Warehouse,
  id: string,
): Promise<AsyncIterable<string>> {
  await audienceRow(warehouse, id);
  await requireFeatures(warehouse);
  return membersCsv(warehouse, id);
}

async function* membersCsv(warehouse: Warehouse, id: string): AsyncGenerator<string> {
  yield `${MEMBER_CSV_COLUMNS.join(',')}\n`;
  for await (const rows of warehouse.stream(
    `${MEMBERS_SQL} ORDER BY ${warehouse.dialect.inByteOrder('m.customer_id')}`,
    {
      id,
    },
  )) {
    yield rows
      .map((row) => {
        const m = member(row);
        return `${[
          csvField(m.customerId),
          m.enteredAt,
          m.revenue ?? '',
          m.predictedClv ?? '',
          m.pAlive ?? '',
          m.emailSubscribed,
        ].join(',')}\n`;
      })
      .join('');
  }
}
