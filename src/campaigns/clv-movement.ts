import type { Config } from '../config/schema.js';
import { unitDays } from '../model/tables/purchase-summary.js';
import { discountedIfAlive, type ForecastSettings } from '../predict/clv.js';
import { parameterVector } from '../predict/fit-model.js';
import type { ModelFit } from '../predict/fit.js';
import { medianSpend } from '../predict/shrunk-spend.js';
import { writeHistoryTable } from '../predictions/history-table.js';
import { readStoredFits } from '../predictions/model-fit-table.js';
import { readHistories, readSpend } from '../predictions/model-input.js';
import { purchaseModels, type PurchaseModelName } from '../predictions/purchase-models.js';
import { spendSql } from '../predictions/spend-sql.js';
import { finiteOrNull } from '../shared/finite.js';
import type { Warehouse } from '../store/warehouse.js';

/** The columns of `campaign_clv_movement`, one row per campaign × audience × responder flag. */
export const CLV_MOVEMENT_COLUMNS = `campaign_id VARCHAR, audience_key VARCHAR, responder BOOLEAN,
  customers BIGINT, clv_before DOUBLE, clv_now DOUBLE, p_alive_before DOUBLE, p_alive_now DOUBLE`;

interface StepContext {
  warehouse: Warehouse;
  config: Config;
  schema: string;
}

/**
 * Builds `${schema}.campaign_clv_movement` from `${schema}.campaign_recipients`: for each
 * campaign × audience × responder flag, the recipients who had bought before the send day, their
 * mean predicted CLV and P(alive) before the send (the current fit applied to their history up
 * to the day before the send day, as `purchase_summary` with that cutoff) and now (the
 * refresh's `customer_predictions`). Recipients who had not bought before the send have no
 * history for the models and are left out of both. Returns why values are missing (no fitted
 * purchase model: no rows; no spend model: no CLV), else null.
 */
export async function buildClvMovement(context: StepContext): Promise<string | null> {
  const { warehouse, schema } = context;
  const fits = await readStoredFits(warehouse, `${schema}.model_fit`);
  const purchase = fits.find((fit) => fit.role === 'purchase');
  const spend = fits.find((fit) => fit.role === 'spend');
  await warehouse.run(`CREATE TABLE ${schema}.campaign_clv_movement (${CLV_MOVEMENT_COLUMNS})`);
  const purchaseFit = purchase?.fit ?? null;
  const purchaseModel = purchase?.model ?? '';
  if (!purchaseFit || !isPurchaseModel(purchaseModel)) {
    return `no purchase model is fitted${purchase?.reason ? ` (${purchase.reason})` : ''}, so recipients have no predicted CLV or P(alive)`;
  }
  return warehouse.withScratchTable('movement_recipients', (recipients) =>
    warehouse.withScratchTable('movement_forecasts', async (forecasts) => {
      await writeRecipientHistories(context, recipients);
      await writeForecasts(context, recipients, forecasts, purchaseModel, purchaseFit);
      const spendOutcome = await spendOf(context, spend?.fit ?? null);
      const priced = spendSql(spendOutcome);
      await warehouse.run(
        `INSERT INTO ${schema}.campaign_clv_movement
         WITH valued AS (
           SELECT r.campaign_id, r.audience_key, r.responder, r.customer_id,
                  f.p_alive AS p_alive_before,
                  $margin * (${priced.expected}) * f.discounted AS clv_before
           FROM ${recipients} r
           LEFT JOIN ${forecasts} f USING (frequency, recency_days, age_days)
         )
         SELECT v.campaign_id, v.audience_key, v.responder, count(*) AS customers,
                avg(v.clv_before), avg(p.predicted_clv), avg(v.p_alive_before), avg(p.p_alive)
         FROM valued v
         LEFT JOIN ${schema}.customer_predictions p USING (customer_id)
         GROUP BY v.campaign_id, v.audience_key, v.responder`,
        { ...priced.params, margin: context.config.model.margin },
      );
      return priced.law === null && spendOutcome.fallbackMedian === null
        ? `no spend model is fitted${spend?.reason ? ` (${spend.reason})` : ''}, so recipients have P(alive) but no predicted CLV`
        : null;
    }),
  );
}

function isPurchaseModel(name: string): name is PurchaseModelName {
  return Object.hasOwn(purchaseModels, name);
}

/**
 * One row per campaign × audience × recipient who had bought before the send day: the
 * purchase summary's columns with the day before the send day as its end day, and whether the
 * recipient responded on any channel.
 */
async function writeRecipientHistories(
  { warehouse, config, schema }: StepContext,
  table: string,
): Promise<void> {
  await warehouse.run(
    `CREATE TEMP TABLE ${table} AS
     WITH
     -- A recipient has one row per channel, so only a campaign × audience sent on several
     -- channels needs its rows grouped into recipients; grouping millions of rows that are
     -- already one per recipient was most of this table's cost.
     multi AS (
       SELECT campaign_id, audience_key FROM ${schema}.campaign_recipients
       GROUP BY campaign_id, audience_key
       HAVING min(coalesce(channel, '')) <> max(coalesce(channel, ''))
     ),
     by_send AS (
       SELECT campaign_id, audience_key, customer_id, responder, send_at
       FROM ${schema}.campaign_recipients ANTI JOIN multi USING (campaign_id, audience_key)
       UNION ALL
       SELECT campaign_id, audience_key, customer_id, bool_or(responder), min(send_at)
       FROM ${schema}.campaign_recipients SEMI JOIN multi USING (campaign_id, audience_key)
       GROUP BY campaign_id, audience_key, customer_id
     ),
     -- The zone conversion is dear, and there are few distinct send instants.
     send_days AS (
       SELECT send_at, CAST(timezone($timezone, timezone('UTC', send_at)) AS DATE) AS send_day
       FROM (SELECT DISTINCT send_at FROM by_send)
     ),
     recipients AS (
       SELECT campaign_id, audience_key, customer_id, responder, send_day
       FROM by_send JOIN send_days USING (send_at)
     ),
     -- Every customer's, not only the recipients': the join below keeps only theirs, and
     -- narrowing the orders to them first cost more than it saved.
     purchase_days AS (
       SELECT customer_id, day, sum(coalesce(amount, 0)) AS value
       FROM ${schema}.orders WHERE outcome = 'success' AND day IS NOT NULL
       GROUP BY customer_id, day
     ),
     -- Each purchase day with the history up to and including it, and the next purchase day:
     -- a recipient's history is the one row whose day is the last before the send day, so a
     -- join on the customer with a range finds it, rather than a regrouping of every earlier
     -- purchase day for every recipient. The sums are of DECIMAL amounts, exact in any order.
     prefixes AS (
       -- The last purchase day's next is open-ended, so that every join condition is a
       -- comparison the join evaluates itself.
       SELECT customer_id, day, lead(day, 1, DATE 'infinity') OVER w AS next_day,
              row_number() OVER w AS days_so_far,
              first_value(day) OVER w AS first_day,
              sum(value) OVER w - first_value(value) OVER w AS repeat_value
       FROM purchase_days
       WINDOW w AS (PARTITION BY customer_id ORDER BY day ROWS UNBOUNDED PRECEDING)
     )
     SELECT r.campaign_id, r.audience_key, r.customer_id, r.responder,
            (p.days_so_far - 1)::INTEGER AS frequency,
            (p.day - p.first_day)::INTEGER AS recency_days,
            ((r.send_day - 1) - p.first_day)::INTEGER AS age_days,
            CASE WHEN p.days_so_far > 1
                 THEN CAST(p.repeat_value AS DOUBLE) / (p.days_so_far - 1) END AS monetary
     FROM recipients r JOIN prefixes p
       ON p.customer_id = r.customer_id AND p.day < r.send_day AND r.send_day <= p.next_day`,
    { timezone: config.timezone },
  );
}

/**
 * P(alive) and discounted expected purchases of every distinct history, as the predictions
 * step computes them (the same model functions, horizon and discounting).
 */
async function writeForecasts(
  { warehouse, config }: StepContext,
  recipients: string,
  forecasts: string,
  model: PurchaseModelName,
  fit: ModelFit,
): Promise<void> {
  const histories = await readHistories(warehouse, recipients);
  const days = unitDays(config);
  const settings: ForecastSettings = {
    horizonMonths: config.model.horizonMonths,
    monthlyDiscountRate: config.model.monthlyDiscountRate,
    unitDays: days,
  };
  const purchaseModel = purchaseModels[model];
  const parameters = parameterVector(fit);
  const ifAlive = new Map<string, number>();
  const rows = histories.frequency.length;
  const pAlive = new Float64Array(rows);
  const discounted = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const x = histories.frequency[i] ?? 0;
    const tx = (histories.recencyDays[i] ?? 0) / days;
    const T = (histories.ageDays[i] ?? 0) / days;
    const key = `${x}:${T}`;
    let future = ifAlive.get(key);
    if (future === undefined) {
      future = discountedIfAlive(purchaseModel, parameters, x, T, settings);
      ifAlive.set(key, future);
    }
    const alive = purchaseModel.probabilityAlive(parameters, x, tx, T);
    const usable = finiteOrNull(alive) !== null && finiteOrNull(alive * future) !== null;
    pAlive[i] = usable ? alive : NaN;
    discounted[i] = usable ? alive * future : NaN;
  }
  await writeHistoryTable(warehouse, forecasts, histories, { p_alive: pAlive, discounted });
}

/**
 * The spend model as the predictions step priced it: the Gamma-Gamma fit, or for a degenerate
 * one the shrunk spend toward the median of `purchase_summary` (which the step computed the
 * same way), or none.
 */
async function spendOf(
  { warehouse, schema }: StepContext,
  fit: ModelFit | null,
): Promise<Parameters<typeof spendSql>[0]> {
  if (fit?.status === 'degenerate') {
    const { spend } = await readSpend(warehouse, `${schema}.purchase_summary`);
    return { fit, error: null, fallbackMedian: medianSpend(spend) };
  }
  return { fit, error: null, fallbackMedian: null };
}
