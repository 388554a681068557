import { describe, expect } from 'vitest';
import { buildClvMovement } from '../../src/campaigns/clv-movement.js';
import { discountedIfAlive } from '../../src/predict/clv.js';
import { parameterVector } from '../../src/predict/fit-model.js';
import { spendParameters } from '../../src/predict/gamma-gamma.js';
import { storedFits } from '../../src/predictions/model-fit-table.js';
import { purchaseModels } from '../../src/predictions/purchase-models.js';
import { cdnowShop, cdnowTransactions } from '../helpers/cdnow-shop.js';
import { projectTest } from '../helpers/project-test.js';
import type { TempProject } from '../helpers/temp-project.js';

const test = projectTest(() => cdnowShop());
const SCHEMA = 'movement_test';
const DAY_MS = 86_400_000;

/**
 * A refresh's schema as the campaigns step sees it: the refresh's own tables copied, and the
 * recipients' rows and keys that `campaign_recipients` reads, from the given rows (customer,
 * campaign, audience, send, responder, channel).
 */
async function stepSchema(
  t: TempProject,
  recipients: readonly (readonly [string, string, string, string, boolean, string?])[],
): Promise<void> {
  const w = t.warehouse;
  await w.run(`CREATE SCHEMA ${SCHEMA}`);
  for (const table of ['model_fit', 'orders', 'purchase_summary', 'customer_predictions']) {
    await w.run(`CREATE TABLE ${SCHEMA}.${table} AS SELECT * FROM main.${table}`);
  }
  await w.run(
    `CREATE TEMP TABLE given (customer_id VARCHAR, campaign_id VARCHAR,
       audience_key VARCHAR, channel VARCHAR, send_at TIMESTAMP, responder BOOLEAN)`,
  );
  for (const [customer, campaign, audience, sendAt, responder, channel] of recipients) {
    await w.run(
      `INSERT INTO given VALUES ($customer, $campaign, $audience, $channel, $sendAt::TIMESTAMP, $responder)`,
      { customer, campaign, audience, channel: channel ?? 'email', sendAt, responder },
    );
  }
  await w.run(
    `CREATE TABLE ${SCHEMA}.campaign_keys AS
     SELECT (row_number() OVER (ORDER BY campaign_id, audience_key, channel))::INTEGER AS k, *
     FROM (SELECT DISTINCT campaign_id, audience_key, channel, send_at FROM given)`,
  );
  await w.run(
    `CREATE TABLE ${SCHEMA}.campaign_recipient_rows AS
     SELECT k.k, g.customer_id, g.responder
     FROM given g JOIN ${SCHEMA}.campaign_keys k USING (campaign_id, audience_key, channel)`,
  );
  await w.run('DROP TABLE given');
}

// A type, not an interface: rows must be assignable to the warehouse's indexed Row.
type MovementRow = {
  campaign_id: string;
  audience_key: string;
  responder: boolean;
  customers: number;
  clv_before: number | null;
  clv_now: number | null;
  p_alive_before: number | null;
  p_alive_now: number | null;
};

function movement(t: TempProject): Promise<MovementRow[]> {
  return t.query<MovementRow>(
    `SELECT * FROM ${SCHEMA}.campaign_clv_movement ORDER BY campaign_id, audience_key, responder`,
  );
}

describe('CLV movement of campaign recipients (CDNOW, BG/NBD)', () => {
  test('a send the day after the last order sees the history the predictions saw', async ({
    t,
  }) => {
    // CDNOW's last order day is 1998-06-30: a send on 1998-07-01 cuts the history where the
    // refresh's observation ends, so "before" must equal "now" for every recipient.
    await stepSchema(t, [
      ['0001', 'LATE', 'a1', '1998-07-01 09:00:00', true],
      ['0002', 'LATE', 'a1', '1998-07-01 09:00:00', true],
      ['0018', 'LATE', 'a1', '1998-07-01 09:00:00', false],
      // The same recipient on a second channel is one recipient.
      ['0018', 'LATE', 'a1', '1998-07-01 09:00:00', false, 'sms'],
    ]);
    const reason = await buildClvMovement({
      warehouse: t.warehouse,
      config: t.project.config,
      schema: SCHEMA,
    });
    expect(reason).toBeNull();
    const rows = await movement(t);
    expect(rows.map((row) => [row.responder, row.customers])).toEqual([
      [false, 1],
      [true, 2],
    ]);
    for (const row of rows) {
      expect(row.clv_before).toBeCloseTo(row.clv_now ?? NaN, 9);
      expect(row.p_alive_before).toBeCloseTo(row.p_alive_now ?? NaN, 12);
    }
  });

  // BG/NBD and MBG/NBD compute P(alive) in SQL, Pareto/NBD in JavaScript: each must match the
  // model's own functions. The CDNOW fit is BG/NBD's; its four values serve the others too.
  // Customer 0046 bought twice on 1997-08-28: that day is one purchase day of their history,
  // the last one before a send on 1997-08-29 and one among others before 1997-09-15.
  test.for([
    ['bgnbd', '0017', '1997-06-01'],
    ['mbgnbd', '0017', '1997-06-01'],
    ['paretonbd', '0017', '1997-06-01'],
    ['bgnbd', '0046', '1997-08-29'],
    ['bgnbd', '0046', '1997-09-15'],
  ] as const)(
    'an earlier send applies the current %s fit to the history of %s before %s',
    async ([name, customer, send], { t }) => {
      // The customer's purchase days before the send and their values, from the raw file.
      const rows100 = (await cdnowTransactions()).filter((row) => row.customer === customer);
      const days = [
        ...new Set(rows100.filter((row) => row.day < send).map((row) => row.day)),
      ].sort();
      const value = (day: string): number =>
        rows100.filter((row) => row.day === day).reduce((sum, row) => sum + Number(row.dollars), 0);
      expect(days.length).toBeGreaterThan(1);
      await stepSchema(t, [
        [customer, 'EARLY', '', `${send} 08:00:00`, true],
        // A send on the day of the first purchase: no history before it, left out.
        ['0018', 'FIRST-DAY', '', '1997-01-01 20:00:00', false],
      ]);
      await t.warehouse.run(
        `UPDATE ${SCHEMA}.model_fit SET model = $name WHERE role = 'purchase'`,
        { name },
      );
      await buildClvMovement({ warehouse: t.warehouse, config: t.project.config, schema: SCHEMA });
      const rows = await movement(t);
      expect(rows).toHaveLength(1);
      const [row] = rows;

      const fits = (await storedFits(t.warehouse)) ?? [];
      const purchase = fits.find((fit) => fit.role === 'purchase')?.fit;
      const spend = fits.find((fit) => fit.role === 'spend')?.fit;
      if (!purchase || !spend) throw new Error('CDNOW fits both models');
      const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
      const first = days[0] as string;
      const last = days[days.length - 1] as string;
      const x = days.length - 1;
      const tx = (dayNumber(last) - dayNumber(first)) / 7;
      const T = (dayNumber(send) - 1 - dayNumber(first)) / 7;
      const model = purchaseModels[name];
      const parameters = parameterVector(purchase);
      const pAlive = model.probabilityAlive(parameters, x, tx, T);
      const future = discountedIfAlive(model, parameters, x, T, {
        horizonMonths: 12,
        monthlyDiscountRate: 0.01,
        unitDays: 7,
      });
      const monetary = days.slice(1).reduce((sum, day) => sum + value(day), 0) / x;
      const { p, q, gamma } = spendParameters(spend);
      const expectedSpend = (p * (gamma + x * monetary)) / (p * x + q - 1);
      expect(row?.customers).toBe(1);
      expect(row?.responder).toBe(true);
      expect(row?.p_alive_before).toBeCloseTo(pAlive, 12);
      expect(row?.clv_before).toBeCloseTo(expectedSpend * pAlive * future, 8);
      const [now] = await t.warehouse.query<{ p_alive: number; predicted_clv: number }>(
        `SELECT p_alive, predicted_clv FROM customer_predictions WHERE customer_id = $customer`,
        { customer },
      );
      expect(row?.p_alive_now).toBeCloseTo(now?.p_alive ?? NaN, 12);
      expect(row?.clv_now).toBeCloseTo(now?.predicted_clv ?? NaN, 9);
    },
  );

  test('without a purchase model there are no rows, and the reason says so', async ({ t }) => {
    await stepSchema(t, [['0001', 'LATE', 'a1', '1998-07-01 09:00:00', true]]);
    await t.warehouse.run(
      `UPDATE ${SCHEMA}.model_fit SET fit = NULL, status = 'failed', reason = 'too few repeat buyers'
       WHERE role = 'purchase'`,
    );
    const reason = await buildClvMovement({
      warehouse: t.warehouse,
      config: t.project.config,
      schema: SCHEMA,
    });
    expect(reason).toBe(
      'no purchase model is fitted (too few repeat buyers), so recipients have no predicted CLV or P(alive)',
    );
    expect(await movement(t)).toEqual([]);
  });
});
