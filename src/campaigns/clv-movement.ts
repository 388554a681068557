import type { Config } from '../config/schema.js';
import { unitDays } from '../model/tables/purchase-summary.js';
import { discountedIfAlive, type ForecastSettings } from '../predict/clv.js';
import { parameterVector } from '../predict/fit-model.js';
import type { ModelFit } from '../predict/fit.js';
import { medianSpend } from '../predict/shrunk-spend.js';
import { probabilityAliveSql, type BoundSql } from '../predictions/alive-sql.js';
import { writeHistoryTable } from '../predictions/history-table.js';
import { readStoredFits } from '../predictions/model-fit-table.js';
import { readHistories, readSpend } from '../predictions/model-input.js';
import { purchaseModels, type PurchaseModelName } from '../predictions/purchase-models.js';
import { spendSql } from '../predictions/spend-sql.js';
import { finiteOrNull } from '../shared/finite.js';
import { TABLE } from '../model/table-names.js';
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
 * Builds `${schema}.campaign_clv_movement` from the recipients' rows and keys: for each
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
      const forecast = await writeForecasts(
        context,
        recipients,
        forecasts,
        purchaseModel,
        purchaseFit,
      );
      const spendOutcome = await spendOf(context, spend?.fit ?? null);
      const priced = spendSql(spendOutcome);
      await warehouse.run(
        `INSERT INTO ${schema}.campaign_clv_movement
         WITH forecast AS (${forecast.sql}),
         valued AS (
           SELECT pair, responder, p_alive AS p_alive_before, clv_now, p_alive_now,
                  $margin * (${priced.expected}) * discounted AS clv_before
           FROM forecast
         ),
         moved AS (
           SELECT pair, responder, count(*) AS customers,
                  avg(clv_before) AS clv_before, avg(clv_now) AS clv_now,
                  avg(p_alive_before) AS p_alive_before, avg(p_alive_now) AS p_alive_now
           FROM valued
           GROUP BY pair, responder
         )
         SELECT k.campaign_id, k.audience_key, m.responder, m.customers,
                m.clv_before, m.clv_now, m.p_alive_before, m.p_alive_now
         FROM moved m JOIN ${schema}.${TABLE.campaignKeys} k ON k.k = m.pair`,
        { ...priced.params, ...forecast.params, margin: context.config.model.margin },
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
 * One row per campaign × audience × recipient who had bought before the send day: the pair
 * (the smallest `k` of the campaign × audience), whether they responded on any channel, the
 * purchase summary's columns with the day before the send day as its end day, and the
 * recipient's predicted CLV and P(alive) now. The customer id is not kept: writing a million
 * of them cost more than the join to the predictions that needs it, done here.
 */
async function writeRecipientHistories(
  { warehouse, config, schema }: StepContext,
  table: string,
): Promise<void> {
  await warehouse.scratch.fromQuery(
    table,
    `WITH
     -- A campaign × audience sent on several channels has a key per channel, and a recipient
     -- a row per channel: only such pairs need their rows grouped into recipients; grouping
     -- millions of rows that are already one per recipient was most of this table's cost. The
     -- zone conversion is dear, and there are only a few dozen keys.
     pairs AS (
       SELECT k, min(k) OVER send AS pair, count(*) OVER send AS channels,
              CAST(timezone($timezone, timezone('UTC', send_at)) AS DATE) AS send_day
       FROM ${schema}.${TABLE.campaignKeys}
       WINDOW send AS (PARTITION BY campaign_id, audience_key)
     ),
     recipients AS (
       SELECT p.pair, r.customer_id, r.responder, p.send_day
       FROM ${schema}.${TABLE.campaignRecipientRows} r JOIN pairs p USING (k)
       WHERE p.channels = 1
       UNION ALL
       SELECT p.pair, r.customer_id, ${warehouse.dialect.anyTrue('r.responder')}, p.send_day
       FROM ${schema}.${TABLE.campaignRecipientRows} r JOIN pairs p USING (k)
       WHERE p.channels > 1
       GROUP BY p.pair, p.send_day, r.customer_id
     ),
     -- A recipient who has not bought since the day before the send has the history
     -- \`purchase_summary\` holds, but for its end day; only the others need their purchase days
     -- replayed up to the send.
     known AS (
       SELECT r.pair, r.customer_id, r.responder, r.send_day, s.first_day, s.last_day,
              s.frequency, s.recency_days, s.monetary
       FROM recipients r JOIN ${schema}.${TABLE.purchaseSummary} s USING (customer_id)
       WHERE s.first_day < r.send_day
     ),
     later AS (SELECT * FROM known WHERE last_day >= send_day),
     -- Their successful orders, each with its customer's first purchase day; a day with
     -- several orders is not grouped into one row first (few days have several, and the
     -- grouping cost as much as the window): the window below counts distinct days and sums
     -- whole days through its RANGE frame, whose peers are the orders of the same day.
     purchases AS (
       SELECT o.customer_id, o.day, coalesce(o.amount, 0) AS amount, c.first_day
       FROM ${schema}.orders o
       JOIN (SELECT DISTINCT customer_id, first_day FROM later) c USING (customer_id)
       WHERE o.outcome = 'success'
     ),
     -- Each purchase day with the history up to and including it, and the next purchase day:
     -- a recipient's history is the one row whose day is the last before the send day, so a
     -- join on the customer with a range finds it, rather than a regrouping of every earlier
     -- purchase day for every recipient. Of a day's orders only the last in the window's
     -- order has the next purchase day as its next: the others have their own day, which no
     -- range matches. The sums are of DECIMAL amounts, exact in any order, and the formulas
     -- those of \`purchase_summary\`, so both halves agree to the last bit.
     prefixes AS (
       -- The last purchase day's next is open-ended, so that every join condition is a
       -- comparison the join evaluates itself.
       SELECT customer_id, day, first_day, lead(day, 1, DATE 'infinity') OVER w AS next_day,
              dense_rank() OVER w AS days_so_far,
              sum(CASE WHEN day > first_day THEN amount ELSE 0 END) OVER w AS repeat_value
       FROM purchases
       WINDOW w AS (PARTITION BY customer_id ORDER BY day
                    RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
     ),
     histories AS (
       SELECT pair, customer_id, responder, frequency, recency_days,
              ((send_day - 1) - first_day)::INTEGER AS age_days, monetary
       FROM known WHERE last_day < send_day
       UNION ALL
       SELECT r.pair, r.customer_id, r.responder,
              (p.days_so_far - 1)::INTEGER AS frequency,
              (p.day - p.first_day)::INTEGER AS recency_days,
              ((r.send_day - 1) - p.first_day)::INTEGER AS age_days,
              CASE WHEN p.days_so_far > 1
                   THEN CAST(p.repeat_value AS DOUBLE) / (p.days_so_far - 1) END AS monetary
       FROM later r JOIN prefixes p
         ON p.customer_id = r.customer_id AND p.day < r.send_day AND r.send_day <= p.next_day
     )
     SELECT h.pair, h.responder, h.frequency, h.recency_days, h.age_days, h.monetary,
            p.predicted_clv AS clv_now, p.p_alive AS p_alive_now
     FROM histories h LEFT JOIN ${schema}.customer_predictions p USING (customer_id)`,
    { timezone: config.timezone },
  );
}

/**
 * P(alive) and discounted expected purchases of every recipient, as the predictions step
 * computes them (the same model functions, horizon and discounting): a SELECT over
 * `recipients` that adds `p_alive` and `discounted`, NULL where the model gives no finite
 * number. The models factor the forecast into P(alive), which depends on (x, t_x, T), and the
 * purchases if alive, which depend on (x, T) only; where P(alive) has a closed form it is
 * computed in SQL and only the far fewer distinct (x, T) go to the model functions.
 */
async function writeForecasts(
  { warehouse, config }: StepContext,
  recipients: string,
  forecasts: string,
  model: PurchaseModelName,
  fit: ModelFit,
): Promise<BoundSql> {
  const days = unitDays(config);
  const settings: ForecastSettings = {
    horizonMonths: config.model.horizonMonths,
    monthlyDiscountRate: config.model.monthlyDiscountRate,
    unitDays: days,
  };
  const purchaseModel = purchaseModels[model];
  const parameters = parameterVector(fit);
  const alive = probabilityAliveSql(model, parameters, days);
  if (alive) {
    const ages = await warehouse.numericColumns(
      `SELECT DISTINCT frequency, age_days FROM ${recipients} ORDER BY ALL`,
    );
    const frequency = ages.frequency ?? [];
    const ageDays = ages.age_days ?? [];
    await warehouse.scratch.withColumns(forecasts, [
      ['frequency', 'integer'],
      ['age_days', 'integer'],
      ['if_alive', 'double'],
    ]);
    await warehouse.append(
      forecasts,
      (function* () {
        for (let i = 0; i < frequency.length; i++) {
          const x = frequency[i] ?? 0;
          const T = (ageDays[i] ?? 0) / days;
          yield [
            x,
            ageDays[i] ?? 0,
            finiteOrNull(discountedIfAlive(purchaseModel, parameters, x, T, settings)),
          ];
        }
      })(),
    );
    // NULL both where the purchases if alive are not a finite number, as below.
    return {
      sql: `SELECT *, CASE WHEN if_alive IS NOT NULL THEN alive END AS p_alive,
                   alive * if_alive AS discounted
            FROM (SELECT r.*, f.if_alive, ${alive.sql} AS alive
                  FROM ${recipients} r LEFT JOIN ${forecasts} f USING (frequency, age_days))`,
      params: alive.params,
    };
  }
  const histories = await readHistories(warehouse, recipients);
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
  return {
    sql: `SELECT r.*, f.p_alive, f.discounted
          FROM ${recipients} r LEFT JOIN ${forecasts} f USING (frequency, recency_days, age_days)`,
    params: {},
  };
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
