import type { Config } from '../config/schema.js';
import type { ModelFit } from '../predict/fit.js';
import { ModelDataError } from '../predict/fit.js';
import type { RetentionCohort } from '../predict/sbg.js';
import {
  discountedExpectedLifetime,
  fitSbg,
  retentionParameters,
  retentionRate,
  survival,
} from '../predict/sbg.js';
import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import type { SqlDialect } from '../store/sql-dialect.js';

export interface RetentionMonth {
  /** Months since acquisition. */
  month: number;
  /** Share of a new cohort still active at the end of that month. */
  survival: number;
  /** Share of those active at the end of the month before who still are. */
  retention: number;
}

export interface RetentionReport {
  cohorts: number;
  customers: number;
  fit: ModelFit;
  /** Observed survival pooled over cohorts (product-limit over the months each cohort saw). */
  observed: RetentionMonth[];
  /** The sBG curve for the months of `model.horizonMonths`. */
  projected: RetentionMonth[];
  /** Expected lifetime of a new customer, in months (null when the model says unbounded). */
  expectedLifetimeMonths: number | null;
  /** Σ S(t)/(1+d)^t with the monthly discount rate: what a new customer's monthly margin is worth. */
  discountedLifetimeMonths: number;
}

/**
 * Survival of each monthly cohort (month of the first successful order) in the contractual
 * sense: a customer survives month k (month 0 being the cohort's) while their first spell of
 * activity (a successful order within `churnWindowDays`, from customer_activity) still covers
 * the end of month k, the start of month k + 1. For a subscription paid once per billing
 * period, a window a little longer than the period makes this the subscription's own survival.
 */
const cohortSurvivalSql = (d: SqlDialect): string => `
  WITH firsts AS (
    SELECT customer_id, CAST(date_trunc('month', min(ts_local)) AS DATE) AS cohort
    FROM orders WHERE outcome = 'success' GROUP BY customer_id
  ),
  last_month AS (SELECT max(month) AS month FROM customer_activity),
  spells AS (
    SELECT f.customer_id, f.cohort,
           ${d.anyTrue('a.month = f.cohort + INTERVAL 1 MONTH')} AS starts_next,
           min(a.month) FILTER (WHERE NOT a.active_next) AS ends
    FROM firsts f LEFT JOIN customer_activity a
      ON a.customer_id = f.customer_id AND a.month > f.cohort
    GROUP BY ALL
  ),
  lives AS (
    SELECT cohort, datediff('month', cohort, (SELECT month FROM last_month)) - 1 AS observed,
           CASE WHEN NOT coalesce(starts_next, false) THEN 0
                WHEN ends IS NULL THEN datediff('month', cohort, (SELECT month FROM last_month)) - 1
                ELSE datediff('month', cohort, ends) - 1 END AS survived
    FROM spells
  )
  SELECT ${d.monthLabel('cohort')} AS cohort, observed,
         list(least(survived, observed) ORDER BY survived) AS lives
  FROM lives WHERE observed >= 1
  GROUP BY cohort, observed ORDER BY cohort`;

/** Each cohort's customers at acquisition and still active at the end of months 1..K. */
export async function cohortSurvival(warehouse: Warehouse): Promise<RetentionCohort[]> {
  const rows = await warehouse.query<{ cohort: string; observed: number; lives: number[] }>(
    cohortSurvivalSql(warehouse.dialect),
  );
  return rows.map(({ observed, lives }) => ({
    alive: Array.from({ length: observed + 1 }, (_, k) => lives.filter((life) => life >= k).length),
  }));
}

/** Fits the shifted-beta-geometric model to the monthly cohorts and projects retention. */
export async function retentionReport(
  warehouse: Warehouse,
  config: Config,
): Promise<RetentionReport> {
  const cohorts = await cohortSurvival(warehouse);
  let fit: ModelFit;
  try {
    fit = fitSbg(cohorts);
  } catch (error) {
    if (error instanceof ModelDataError) throw new ClvError('bad_input', error.message);
    throw error;
  }
  if (config.churnWindowDays > 62) {
    fit.warnings.push(
      `sBG describes subscriptions: with churnWindowDays = ${config.churnWindowDays} nobody can churn in their first ${Math.floor(config.churnWindowDays / 31)} months; set it a little above the billing period`,
    );
  }
  const parameters = retentionParameters(fit);
  const months = Array.from({ length: config.model.horizonMonths }, (_, i) => i + 1);
  const lifetime = discountedExpectedLifetime(parameters, 0);
  return {
    cohorts: cohorts.length,
    customers: cohorts.reduce((sum, cohort) => sum + (cohort.alive[0] ?? 0), 0),
    fit,
    observed: observedSurvival(cohorts),
    projected: months.map((month) => ({
      month,
      survival: survival(parameters, month),
      retention: retentionRate(parameters, month),
    })),
    expectedLifetimeMonths: Number.isFinite(lifetime) ? lifetime : null,
    discountedLifetimeMonths: discountedExpectedLifetime(
      parameters,
      config.model.monthlyDiscountRate,
    ),
  };
}

function observedSurvival(cohorts: readonly RetentionCohort[]): RetentionMonth[] {
  const longest = Math.max(0, ...cohorts.map((cohort) => cohort.alive.length - 1));
  const months: RetentionMonth[] = [];
  let survived = 1;
  for (let k = 1; k <= longest; k++) {
    let atRisk = 0;
    let stayed = 0;
    for (const { alive } of cohorts) {
      if (alive.length > k) {
        atRisk += alive[k - 1] ?? 0;
        stayed += alive[k] ?? 0;
      }
    }
    if (atRisk === 0) break;
    const retention = stayed / atRisk;
    survived *= retention;
    months.push({ month: k, survival: survived, retention });
  }
  return months;
}
