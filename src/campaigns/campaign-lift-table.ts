import type { Config } from '../config/schema.js';
import { TABLE } from '../model/table-names.js';
import type { Warehouse } from '../store/warehouse.js';
import type { Difference, LiftAbsent } from './campaign-types.js';
import { dayMicros, type CampaignScratch } from './campaign-scratch.js';
import { newcombeDifference, welchDifference } from './lift-stats.js';

/** The window lift counts orders in after the send: max(clickDays, openDays). */
export function liftWindowDays(config: Config): number {
  const { clickDays, openDays } = config.campaign.attribution;
  return Math.max(clickDays, openDays);
}

type PairRow = {
  campaign_id: string;
  audience_key: string;
  send_at: string;
  activation_id: string | null;
  window_open: boolean;
  treated_n: number;
  treated_converters: number;
  treated_revenue: number;
  treated_variance: number;
  control_n: number;
  control_converters: number;
  control_revenue: number;
  control_variance: number;
};

const COLUMNS = `campaign_id VARCHAR, audience_key VARCHAR, send_at TIMESTAMP, window_days DOUBLE,
  activation_id VARCHAR, reason VARCHAR, message VARCHAR,
  treated_customers BIGINT, treated_converters BIGINT, treated_revenue DOUBLE,
  control_customers BIGINT, control_converters BIGINT, control_revenue DOUBLE,
  conversion_diff DOUBLE, conversion_low DOUBLE, conversion_high DOUBLE,
  conversion_significant BOOLEAN, revenue_diff DOUBLE, revenue_low DOUBLE, revenue_high DOUBLE,
  revenue_significant BOOLEAN`;

/**
 * `campaign_lift`: one row per campaign × audience. With an activation, a control group and a
 * closed window it holds treated and control (customers, converters, revenue) and the two
 * differences with their 95 % intervals; otherwise `reason` and `message` say why not.
 */
export async function buildLift(
  warehouse: Warehouse,
  config: Config,
  schema: string,
  scratch: CampaignScratch,
): Promise<number> {
  const windowDays = liftWindowDays(config);
  const rows = await warehouse.query<PairRow>(
    `WITH chosen AS (
       SELECT s.campaign_id, s.audience_key, a.activation_id,
              row_number() OVER (
                PARTITION BY s.campaign_id, s.audience_key
                ORDER BY a.created_at DESC, ${warehouse.dialect.inByteOrder('a.activation_id')} DESC
              ) AS rank
       FROM ${scratch.sends} s
       JOIN activations a ON a.audience_id = s.audience_key AND a.created_at <= s.send_at
       WHERE s.audience_key <> ''
     ),
     -- Each pair numbered, so that the joins and groups over its millions of members key on a
     -- number and a customer rather than on three strings.
     pairs AS (
       SELECT s.campaign_id, s.audience_key, s.send_at, s.has_sent, c.activation_id,
              s.send_at + to_microseconds($windowUs::BIGINT) AS window_end,
              row_number() OVER (ORDER BY s.campaign_id, s.audience_key) AS pair
       FROM ${scratch.sends} s
       LEFT JOIN chosen c ON c.campaign_id = s.campaign_id AND c.audience_key = s.audience_key
                         AND c.rank = 1
     ),
     control AS (
       SELECT DISTINCT p.pair, ac.customer_id
       FROM pairs p JOIN activation_controls ac
         ON ac.activation_id = p.activation_id AND ac.controlled_at <= p.send_at
     ),
     pair_keys AS (
       SELECT k.k, p.pair, p.has_sent
       FROM ${scratch.keys} k JOIN pairs p USING (campaign_id, audience_key)
       WHERE p.activation_id IS NOT NULL
     ),
     eligible AS (
       SELECT p.pair, r.customer_id
       FROM ${schema}.${TABLE.campaignRecipientRows} r JOIN pair_keys p USING (k)
       WHERE r.sent_at IS NOT NULL OR NOT p.has_sent
     ),
     -- A customer has a recipients row per channel: only a pair sent on several channels needs
     -- its treated made distinct, and distinct over millions of rows is dear.
     multi AS (
       SELECT p.pair FROM ${scratch.keys} JOIN pairs p USING (campaign_id, audience_key)
       GROUP BY p.pair HAVING count(*) > 1
     ),
     treated AS (
       SELECT * FROM eligible ANTI JOIN multi USING (pair)
       UNION ALL
       SELECT DISTINCT * FROM eligible SEMI JOIN multi USING (pair)
     ),
     members AS MATERIALIZED (
       SELECT *, true AS is_treated FROM treated ANTI JOIN control USING (pair, customer_id)
       UNION ALL
       SELECT *, false AS is_treated FROM control
     ),
     -- The orders in a pair's window, found through the UTC days the window touches: a hash
     -- join on the day, where a join on the two time bounds cost several times more.
     window_days AS (
       SELECT pair, send_at, window_end,
              CAST(unnest(generate_series(CAST(send_at AS DATE), CAST(window_end AS DATE),
                                          INTERVAL 1 DAY)) AS DATE) AS day
       FROM pairs WHERE activation_id IS NOT NULL
     ),
     ordered AS (
       SELECT w.pair, o.customer_id, o.amount
       FROM orders o JOIN window_days w
         ON w.day = CAST(o.ts AS DATE) AND o.ts >= w.send_at AND o.ts < w.window_end
       WHERE o.outcome = 'success'
     ),
     -- Most orders in a window are not the members': joined first, only the members who bought
     -- are grouped (grouping every customer's orders, then joining, cost twice as much). A
     -- member without an order counts with revenue 0.
     bought AS (
       SELECT m.pair, m.is_treated, m.customer_id, coalesce(sum(o.amount), 0)::DOUBLE AS revenue
       FROM ordered o JOIN members m USING (pair, customer_id)
       GROUP BY m.pair, m.is_treated, m.customer_id
     ),
     sides AS (
       SELECT s.pair, s.is_treated, s.n, coalesce(b.converters, 0) AS converters,
              coalesce(b.revenue, 0) AS revenue, coalesce(b.revenue, 0) / s.n AS mean
       FROM (SELECT pair, is_treated, count(*) AS n FROM members GROUP BY pair, is_treated) s
       LEFT JOIN (SELECT pair, is_treated, count(*) AS converters, sum(revenue) AS revenue
                  FROM bought GROUP BY pair, is_treated) b USING (pair, is_treated)
     ),
     -- The sample variance of revenue over every member in two passes, the mean first: the
     -- buyers' squared deviations, and the mean's square for each member who bought nothing.
     spread AS (
       SELECT s.pair, s.is_treated, s.n, s.converters, s.revenue,
              CASE WHEN s.n > 1
                   THEN (coalesce(d.squares, 0) + (s.n - s.converters) * s.mean * s.mean) / (s.n - 1)
                   ELSE 0 END AS variance
       FROM sides s
       LEFT JOIN (SELECT b.pair, b.is_treated, sum((b.revenue - s.mean) * (b.revenue - s.mean)) AS squares
                  FROM bought b JOIN sides s USING (pair, is_treated)
                  GROUP BY b.pair, b.is_treated) d USING (pair, is_treated)
     ),
     groups AS (
       SELECT pair,
              ${sideColumns('treated', 'is_treated')},
              ${sideColumns('control', 'NOT is_treated')}
       FROM spread GROUP BY pair
     )
     SELECT p.campaign_id, p.audience_key,
            strftime(p.send_at, '%Y-%m-%dT%H:%M:%S.%fZ') AS send_at, p.activation_id,
            p.window_end > (SELECT as_of FROM ${schema}.${TABLE.storeAsOf}) AS window_open,
            coalesce(g.treated_n, 0)::BIGINT AS treated_n,
            coalesce(g.treated_converters, 0)::BIGINT AS treated_converters,
            coalesce(g.treated_revenue, 0)::DOUBLE AS treated_revenue,
            coalesce(g.treated_variance, 0)::DOUBLE AS treated_variance,
            coalesce(g.control_n, 0)::BIGINT AS control_n,
            coalesce(g.control_converters, 0)::BIGINT AS control_converters,
            coalesce(g.control_revenue, 0)::DOUBLE AS control_revenue,
            coalesce(g.control_variance, 0)::DOUBLE AS control_variance
     FROM pairs p LEFT JOIN groups g USING (pair)
     ORDER BY p.campaign_id, p.audience_key`,
    { windowUs: dayMicros(windowDays) },
  );
  await warehouse.run(`CREATE TABLE ${schema}.${TABLE.campaignLift} (${COLUMNS})`);
  for (const row of rows) {
    const absent = absentReason(row, windowDays);
    const lift = absent ? null : differences(row);
    await warehouse.run(
      `INSERT INTO ${schema}.${TABLE.campaignLift} VALUES ($campaign, $audience,
         $sendAt::TIMESTAMP, $windowDays, $activation, $reason, $message,
         $tn, $tc, $tr, $cn, $cc, $cr, $cv, $cl, $ch, $cs, $rv, $rl, $rh, $rs)`,
      {
        campaign: row.campaign_id,
        audience: row.audience_key,
        sendAt: row.send_at.replace('T', ' ').replace('Z', ''),
        windowDays,
        activation: row.activation_id,
        reason: absent?.reason ?? null,
        message: absent?.message ?? null,
        tn: row.treated_n,
        tc: row.treated_converters,
        tr: row.treated_revenue,
        cn: row.control_n,
        cc: row.control_converters,
        cr: row.control_revenue,
        cv: lift?.conversion.value ?? null,
        cl: lift?.conversion.low ?? null,
        ch: lift?.conversion.high ?? null,
        cs: lift?.conversion.significant ?? null,
        rv: lift?.revenue.value ?? null,
        rl: lift?.revenue.low ?? null,
        rh: lift?.revenue.high ?? null,
        rs: lift?.revenue.significant ?? null,
      },
    );
  }
  return rows.length;
}

/** A side's size, converters, revenue and variance, from its row of `spread`. */
function sideColumns(side: 'treated' | 'control', condition: string): string {
  return [
    `coalesce(max(n) FILTER (WHERE ${condition}), 0) AS ${side}_n`,
    `coalesce(max(converters) FILTER (WHERE ${condition}), 0) AS ${side}_converters`,
    `coalesce(max(revenue) FILTER (WHERE ${condition}), 0) AS ${side}_revenue`,
    `coalesce(max(variance) FILTER (WHERE ${condition}), 0) AS ${side}_variance`,
  ].join(', ');
}

/** Why a campaign × audience has no lift, in the contract's order of reasons; null when it has. */
function absentReason(row: PairRow, windowDays: number): Omit<LiftAbsent, 'audience'> | null {
  if (row.audience_key === '') {
    return {
      reason: 'no-audience',
      message: 'These events carry no audience, so there is no control group to compare with.',
    };
  }
  if (row.activation_id === null) {
    return {
      reason: 'no-activation',
      message:
        'No activation of this audience was created before the send, so there is no control group to compare with.',
    };
  }
  if (row.control_n === 0) {
    return {
      reason: 'no-control-group',
      message: `Activation ${row.activation_id} held no customers out as a control group before the send.`,
    };
  }
  if (row.treated_n < 2 || row.control_n < 2) {
    return {
      reason: 'too-few-customers',
      message: `Lift needs 2 customers in each group at least; treated ${row.treated_n}, control ${row.control_n}.`,
    };
  }
  if (row.window_open) {
    return {
      reason: 'window-open',
      message: `The ${windowDays}-day window after the send has not closed by the store's latest event.`,
    };
  }
  return null;
}

function differences(row: PairRow): { conversion: Difference; revenue: Difference } {
  return {
    conversion: newcombeDifference(
      row.treated_converters,
      row.treated_n,
      row.control_converters,
      row.control_n,
    ),
    revenue: welchDifference(
      {
        n: row.treated_n,
        mean: row.treated_revenue / row.treated_n,
        variance: row.treated_variance,
      },
      {
        n: row.control_n,
        mean: row.control_revenue / row.control_n,
        variance: row.control_variance,
      },
    ),
  };
}
