import { TABLE } from '../model/table-names.js';
import type { Warehouse } from '../store/warehouse.js';
import { newcombeDifference } from './lift-stats.js';

/** The reactivation windows, in days. */
export const WINBACK_DAYS = [30, 60, 90] as const;

type CountRow = {
  audience_id: string;
  days: number;
  treated_members: number;
  treated_eligible: number;
  treated_reactivated: number;
  control_members: number;
  control_eligible: number;
  control_reactivated: number;
};

const COLUMNS = `audience_id VARCHAR, days INTEGER, reason VARCHAR,
  treated_members BIGINT, treated_eligible BIGINT, treated_reactivated BIGINT,
  control_members BIGINT, control_eligible BIGINT, control_reactivated BIGINT,
  difference DOUBLE, difference_low DOUBLE, difference_high DOUBLE, significant BOOLEAN`;

/**
 * `campaign_winback`: per live winback-template audience and window (30, 60, 90 days), the
 * treated and control members who entered, those eligible (entered N days or more before the
 * as-of instant) and those reactivated (a successful order in (enter, enter + N days]), with the
 * difference of the shares by Newcombe's interval; `reason` says why there is nothing to compare.
 */
export async function buildWinback(warehouse: Warehouse, schema: string): Promise<number> {
  const rows = await warehouse.query<CountRow>(
    `WITH winback AS (
       SELECT audience_id FROM audiences WHERE template = 'winback' AND deleted_at IS NULL
     ),
     control AS (
       SELECT a.audience_id, ac.customer_id, min(ac.controlled_at) AS enter_at
       FROM activations a JOIN activation_controls ac USING (activation_id)
       JOIN winback w USING (audience_id)
       GROUP BY a.audience_id, ac.customer_id
     ),
     treated AS (
       SELECT r.audience_key AS audience_id, r.customer_id, min(r.sent_at) AS enter_at
       FROM ${schema}.${TABLE.campaignRecipients} r
       JOIN winback w ON w.audience_id = r.audience_key
       WHERE r.sent_at IS NOT NULL
       GROUP BY r.audience_key, r.customer_id
     ),
     members AS (
       SELECT *, true AS is_treated FROM treated ANTI JOIN control USING (audience_id, customer_id)
       UNION ALL
       SELECT *, false AS is_treated FROM control
     ),
     next_order AS (
       SELECT m.audience_id, m.customer_id, m.is_treated, m.enter_at, min(o.ts) AS next_at
       FROM members m LEFT JOIN orders o
         ON o.customer_id = m.customer_id AND o.outcome = 'success' AND o.ts > m.enter_at
       GROUP BY m.audience_id, m.customer_id, m.is_treated, m.enter_at
     ),
     windows AS (SELECT unnest([30, 60, 90]) AS days),
     judged AS (
       SELECT n.audience_id, w.days, n.is_treated,
              n.enter_at + to_days(w.days) <= (SELECT as_of FROM ${schema}.${TABLE.storeAsOf})
                AS eligible,
              coalesce(n.next_at <= n.enter_at + to_days(w.days), false) AS reactivated
       FROM next_order n CROSS JOIN windows w
     ),
     counts AS (
       SELECT audience_id, days,
              count(*) FILTER (WHERE is_treated) AS treated_members,
              count(*) FILTER (WHERE is_treated AND eligible) AS treated_eligible,
              count(*) FILTER (WHERE is_treated AND eligible AND reactivated) AS treated_reactivated,
              count(*) FILTER (WHERE NOT is_treated) AS control_members,
              count(*) FILTER (WHERE NOT is_treated AND eligible) AS control_eligible,
              count(*) FILTER (WHERE NOT is_treated AND eligible AND reactivated)
                AS control_reactivated
       FROM judged GROUP BY audience_id, days
     )
     SELECT w.audience_id, d.days,
            coalesce(c.treated_members, 0)::BIGINT AS treated_members,
            coalesce(c.treated_eligible, 0)::BIGINT AS treated_eligible,
            coalesce(c.treated_reactivated, 0)::BIGINT AS treated_reactivated,
            coalesce(c.control_members, 0)::BIGINT AS control_members,
            coalesce(c.control_eligible, 0)::BIGINT AS control_eligible,
            coalesce(c.control_reactivated, 0)::BIGINT AS control_reactivated
     FROM winback w CROSS JOIN windows d
     LEFT JOIN counts c ON c.audience_id = w.audience_id AND c.days = d.days
     ORDER BY w.audience_id, d.days`,
  );
  await warehouse.run(`CREATE TABLE ${schema}.${TABLE.campaignWinback} (${COLUMNS})`);
  const thirty = new Map(rows.filter((r) => r.days === 30).map((r) => [r.audience_id, r]));
  for (const row of rows) {
    const first = thirty.get(row.audience_id) ?? row;
    const diff =
      row.treated_eligible > 0 && row.control_eligible > 0
        ? newcombeDifference(
            row.treated_reactivated,
            row.treated_eligible,
            row.control_reactivated,
            row.control_eligible,
          )
        : null;
    await warehouse.run(
      `INSERT INTO ${schema}.${TABLE.campaignWinback} VALUES ($audience, $days, $reason,
         $tm, $te, $tr, $cm, $ce, $cr, $value, $low, $high, $significant)`,
      {
        audience: row.audience_id,
        days: row.days,
        reason: winbackReason(first),
        tm: row.treated_members,
        te: row.treated_eligible,
        tr: row.treated_reactivated,
        cm: row.control_members,
        ce: row.control_eligible,
        cr: row.control_reactivated,
        value: diff?.value ?? null,
        low: diff?.low ?? null,
        high: diff?.high ?? null,
        significant: diff?.significant ?? null,
      },
    );
  }
  return rows.length;
}

/** Why an audience has nothing to compare, judged on its 30-day window; null when it has. */
function winbackReason(row: CountRow): string | null {
  if (row.treated_members === 0 && row.control_members === 0) {
    return 'No campaign has been sent to this audience and no activation of it held anyone out yet.';
  }
  if (row.control_members === 0) {
    return 'No activation of this audience held members out as a control group, so there is nothing to compare its reactivation with; the treated shares are still given.';
  }
  if (row.treated_eligible === 0 || row.control_eligible === 0) {
    return `Nobody in the ${row.treated_eligible === 0 ? 'treated' : 'control'} group entered 30 days or more before the store's latest event, so no window has closed for it yet.`;
  }
  return null;
}
