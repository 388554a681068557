import type { Config } from '../config/schema.js';
import { requireDerivedTables } from '../model/store-state.js';
import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import { parseAttributes, predictionsRelation, type Attributes } from './customer-item.js';
import { customerConsents, type ConsentState } from './customer-consents.js';
import { customerTimeline, type TimelineEvent } from './customer-timeline.js';
import { checkPaging, type Page } from './paging.js';

/** What the customer has bought so far; money in the base currency. */
export interface HistoricFigures {
  /** Successful orders, their revenue and the local days of the first and last. */
  orders: number;
  revenue: number;
  firstOrder: string | null;
  lastOrder: string | null;
  /** Average purchase value: revenue per successful order; null without one. */
  apv: number | null;
  canceled: number;
  returned: number;
  /** Orders whose status is none of success, canceled or returned. */
  other: number;
}

/**
 * The model's view of the customer (see docs/predictions.md). A value the models could not
 * give is null, and `reason` says why.
 */
export type Prediction = {
  pAlive: number | null;
  churnRisk: number | null;
  expectedPurchases: number | null;
  expectedSpend: number | null;
  predictedClv: number | null;
  /** The 90 % interval of the expected value predictedClv (parameter uncertainty only). */
  predictedClvLow: number | null;
  predictedClvHigh: number | null;
  /**
   * The 90 % predictive interval of what the customer will spend over the horizon
   * (undiscounted, before margin): the randomness of their own purchases and spend included.
   */
  spendLow: number | null;
  spendHigh: number | null;
  /** The day by which a purchase is more likely than not; null when not within the horizon. */
  nextPurchaseDate: string | null;
  /** ok, degenerate (values from a stated fallback) or failed (values null). */
  status: 'ok' | 'degenerate' | 'failed';
  reason: string | null;
};

export interface CustomerProfile {
  customerId: string;
  currency: string;
  attributes: Attributes;
  consents: ConsentState[];
  historic: HistoricFigures;
  /** Null when the customer has no prediction (never bought, or no model could be fitted). */
  prediction: Prediction | null;
  timeline: Page<TimelineEvent>;
}

export interface ProfileOptions {
  eventsLimit?: number;
  eventsOffset?: number;
}

type HistoricRow = Omit<HistoricFigures, 'apv'>;

const HISTORIC = `
  SELECT count(*) FILTER (outcome = 'success') AS orders,
         coalesce(sum(amount) FILTER (outcome = 'success'), 0)::DOUBLE AS revenue,
         min(day) FILTER (outcome = 'success') AS "firstOrder",
         max(day) FILTER (outcome = 'success') AS "lastOrder",
         count(*) FILTER (outcome = 'canceled') AS canceled,
         count(*) FILTER (outcome = 'returned') AS returned,
         count(*) FILTER (outcome = 'other') AS other
  FROM orders WHERE customer_id = $customerId`;

const PREDICTION = `
  SELECT p_alive AS "pAlive", churn_risk AS "churnRisk",
         expected_purchases AS "expectedPurchases", expected_spend AS "expectedSpend",
         predicted_clv AS "predictedClv", predicted_clv_low AS "predictedClvLow",
         predicted_clv_high AS "predictedClvHigh", spend_low AS "spendLow",
         spend_high AS "spendHigh", next_purchase_date AS "nextPurchaseDate",
         status, reason
  FROM PREDICTIONS WHERE customer_id = $customerId`;

/** Everything known about one customer, with a page of their events, newest first. */
export async function customerProfile(
  warehouse: Warehouse,
  config: Config,
  customerId: string,
  options: ProfileOptions = {},
): Promise<CustomerProfile> {
  const page = checkPaging(
    { limit: options.eventsLimit, offset: options.eventsOffset },
    { limit: 'eventsLimit', offset: 'eventsOffset' },
  );
  await requireDerivedTables(warehouse);
  const [known] = await warehouse.query<{ attributes: string }>(
    `SELECT coalesce(c.attributes, '{}')::VARCHAR AS attributes
     FROM known_customers k LEFT JOIN customers c USING (customer_id)
     WHERE k.customer_id = $customerId`,
    { customerId },
  );
  if (!known) throw new ClvError('not_found', `no customer "${customerId}"`);
  const [historic] = await warehouse.query<HistoricRow>(HISTORIC, { customerId });
  if (!historic) throw new Error('an aggregate query returned no row');
  const predictions = await predictionsRelation(warehouse);
  const [prediction] = await warehouse.query<Prediction>(
    PREDICTION.replace('PREDICTIONS', predictions),
    { customerId },
  );
  return {
    customerId,
    currency: config.baseCurrency,
    attributes: parseAttributes(known.attributes),
    consents: await customerConsents(warehouse, config, customerId),
    historic: { ...historic, apv: historic.orders > 0 ? historic.revenue / historic.orders : null },
    prediction: prediction ?? null,
    timeline: await customerTimeline(warehouse, customerId, page),
  };
}
