import type { Config } from '../config/schema.js';
import {
  purchaseSummarySql,
  purchaseSummaryParams,
  unitDays,
} from '../model/tables/purchase-summary.js';
import { parameterVector } from '../predict/fit-model.js';
import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import type { PurchaseOutcome } from './fit-models.js';
import { fitPurchase } from './fit-models.js';
import type { DayHistories } from './model-input.js';
import { inUnits, readHistories } from './model-input.js';
import type { PurchaseModelName } from './purchase-models.js';
import { purchaseModels } from './purchase-models.js';
import { finiteOrNull } from '../shared/finite.js';
import { writeHistoryTable } from './history-table.js';
import type { SqlDialect } from '../store/sql-dialect.js';

/** Calibration customers with this many repeat purchases or more share the last group. */
const TOP_GROUP = 7;

/** The purchase summary of the calibration period (up to `$cutoff`), as a relation. */
export const calibration = (d: SqlDialect): string => `(${purchaseSummarySql(d)})`;

/**
 * The calibration summary of at most `$sample` customers, the same ones on every run and
 * engine: those first in the order of the MD5 of their id.
 */
const sampledCalibration = (d: SqlDialect): string => `(
  WITH summary AS ${calibration(d)}
  SELECT * FROM summary
  WHERE customer_id IN (SELECT customer_id FROM summary ORDER BY md5(customer_id) LIMIT $sample))`;

export interface HoldoutGroup {
  /** Repeat purchases in the calibration period: "0" … "6", then "7+". */
  frequency: string;
  customers: number;
  /** Mean repeat purchases per customer in the holdout period. */
  predicted: number;
  actual: number;
}

/** The days of a holdout check: calibration up to the day before `holdoutFrom`. */
export interface HoldoutPeriod {
  holdoutFrom: string;
  calibrationEnd: string;
  /** The last day with an order: the holdout period runs to it. */
  holdoutEnd: string;
  /** The holdout period's length in the model's time unit. */
  holdoutLength: number;
}

/** One model fitted on the calibration period and compared with what followed. */
export interface HoldoutScore {
  outcome: PurchaseOutcome;
  /** Per calibration frequency; empty when the model failed. */
  groups: HoldoutGroup[];
  total: { customers: number; predicted: number | null; actual: number };
  /** Mean over customers of |predicted − actual| repeat purchases; null when the model failed. */
  meanAbsoluteError: number | null;
  /** Pearson correlation of predicted and actual holdout purchases per customer. */
  correlation: number | null;
  /** Histories whose forecast was not a finite number (counted as failures of the model). */
  notFinite: number;
}

export interface HoldoutComparison extends HoldoutPeriod {
  histories: DayHistories;
  scores: HoldoutScore[];
}

/** The first and last order day, and checks that `holdoutFrom` splits them. */
export async function holdoutPeriod(
  warehouse: Warehouse,
  config: Config,
  holdoutFrom: string,
): Promise<HoldoutPeriod> {
  const [range] = await warehouse.query<{ first: string | null; last: string | null }>(
    `SELECT CAST(min(day) AS VARCHAR) AS first, CAST(max(day) AS VARCHAR) AS last FROM orders`,
  );
  if (!range?.first || !range.last) {
    throw new ClvError('bad_input', 'no orders: run `clv refresh` after importing purchases');
  }
  if (!(holdoutFrom > range.first && holdoutFrom <= range.last)) {
    throw new ClvError(
      'bad_input',
      `\`holdoutFrom\` must lie after the first order day (${range.first}) and no later than the last (${range.last})`,
    );
  }
  const [span] = await warehouse.query<{ days: number; end: string }>(
    `SELECT ($last::DATE - $from::DATE + 1)::INTEGER AS days, CAST($from::DATE - 1 AS VARCHAR) AS end`,
    { last: range.last, from: holdoutFrom },
  );
  return {
    holdoutFrom,
    calibrationEnd: span?.end ?? '',
    holdoutEnd: range.last,
    holdoutLength: (span?.days ?? 0) / unitDays(config),
  };
}

/**
 * Fits each purchase model on the orders before `holdoutFrom`, predicts each calibration
 * customer's repeat purchase days from then to the last order day, and compares with the
 * purchase days that actually followed (same-day orders merged, as in the summary). The
 * histories are read once and every model is scored in one pass over the customers.
 */
export async function compareOnHoldout(
  warehouse: Warehouse,
  config: Config,
  models: readonly PurchaseModelName[],
  holdoutFrom: string,
  /** Compare on at most this many calibration customers (a fixed sample); null for all. */
  sample: number | null = null,
): Promise<HoldoutComparison> {
  const period = await holdoutPeriod(warehouse, config, holdoutFrom);
  const source = (sample === null ? calibration : sampledCalibration)(warehouse.dialect);
  const params = {
    ...purchaseSummaryParams(config, holdoutFrom),
    ...(sample === null ? {} : { sample }),
  };
  // The calibration summary is read twice, for the fits and for the comparison: kept once, as
  // grouping every order by customer and day again cost about a second at a million customers.
  const { histories, outcomes, rows } = await warehouse.withScratchTable(
    'holdout_calibration',
    async (calibrationTable) => {
      await warehouse.scratch.fromQuery(calibrationTable, `SELECT * FROM ${source}`, params);
      const histories = await readHistories(warehouse, calibrationTable);
      const summary = inUnits(histories, unitDays(config));
      const outcomes = models.map((model) => fitPurchase(model, summary));
      const forecasts = outcomes.map((outcome) => holdoutForecast(outcome, summary, period));
      await writeHistoryTable(
        warehouse,
        'holdout_predictions',
        histories,
        Object.fromEntries(forecasts.map((forecast, k) => [`p${k}`, forecast])),
      );
      const perModel = models
        .map(
          (_, k) =>
            `sum(p${k}) AS predicted${k}, avg(abs(p${k} - actual)) AS mae${k},
             corr(p${k}, actual) AS corr${k}, count(*) - count(p${k}) AS missing${k}`,
        )
        .join(',\n');
      const rows = await warehouse.query(
        `WITH calibration AS (SELECT * FROM ${calibrationTable}),
         later AS (
           SELECT customer_id, count(DISTINCT day) AS purchases FROM orders
           WHERE outcome = 'success' AND day >= $cutoff::DATE GROUP BY customer_id
         ),
         compared AS (
           SELECT least(c.frequency, ${TOP_GROUP}) AS grp, p.*,
                  coalesce(l.purchases, 0)::DOUBLE AS actual
           FROM calibration c
           JOIN holdout_predictions p USING (frequency, recency_days, age_days)
           LEFT JOIN later l USING (customer_id)
         )
         SELECT grp, count(*) AS customers, sum(actual) AS actual, ${perModel}
         FROM compared GROUP BY grp
         UNION ALL
         SELECT -1, count(*), sum(actual), ${perModel} FROM compared
         ORDER BY 1`,
        { cutoff: holdoutFrom },
      );
      await warehouse.scratch.drop('holdout_predictions');
      return { histories, outcomes, rows };
    },
  );
  const total = rows.find((row) => row['grp'] === -1);
  const groups = rows.filter((row) => Number(row['grp']) >= 0);
  const scores = outcomes.map((outcome, k): HoldoutScore => {
    const notFinite = Number(total?.[`missing${k}`] ?? 0);
    const usable = outcome.fit !== null && notFinite === 0;
    return {
      outcome,
      groups: usable
        ? groups.map((row) => {
            const customers = Number(row['customers']);
            const grp = Number(row['grp']);
            return {
              frequency: grp === TOP_GROUP ? `${TOP_GROUP}+` : String(grp),
              customers,
              predicted: (finiteOrNull(row[`predicted${k}`]) ?? 0) / customers,
              actual: Number(row['actual']) / customers,
            };
          })
        : [],
      total: {
        customers: Number(total?.['customers'] ?? 0),
        predicted: usable ? finiteOrNull(total?.[`predicted${k}`]) : null,
        actual: Number(total?.['actual'] ?? 0),
      },
      meanAbsoluteError: usable ? finiteOrNull(total?.[`mae${k}`]) : null,
      correlation: usable ? finiteOrNull(total?.[`corr${k}`]) : null,
      notFinite: outcome.fit ? notFinite : 0,
    };
  });
  return { ...period, histories, scores };
}

/** Expected repeat purchases over the holdout of every history; null when the model failed. */
function holdoutForecast(
  outcome: PurchaseOutcome,
  summary: ReturnType<typeof inUnits>,
  period: HoldoutPeriod,
): Float64Array | null {
  if (!outcome.fit) return null;
  const model = purchaseModels[outcome.model];
  const parameters = parameterVector(outcome.fit);
  const ifAlive = new Map<string, number>();
  return summary.frequency.map((x, i) => {
    const T = summary.age[i] ?? 0;
    const key = `${x}:${T}`;
    let expected = ifAlive.get(key);
    if (expected === undefined) {
      expected = model.expectedPurchasesIfAlive(parameters, x, T, period.holdoutLength);
      ifAlive.set(key, expected);
    }
    return model.probabilityAlive(parameters, x, summary.recency[i] ?? 0, T) * expected;
  });
}
