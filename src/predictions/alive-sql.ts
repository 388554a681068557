import type { SqlParams } from '../store/warehouse.js';
import type { PurchaseModelName } from './purchase-models.js';

/** An SQL expression and the values it binds. */
export interface BoundSql {
  sql: string;
  params: SqlParams;
}

/**
 * P(alive) of BG/NBD and MBG/NBD as SQL over `frequency`, `recency_days` and `age_days`, so
 * that millions of histories need not travel to JavaScript and back for a closed form. It
 * mirrors `logDropoutOdds` in `src/predict/beta-geometric-likelihood.ts` (a test holds them
 * equal): with y = x (+ 1 for MBG/NBD), P = 1 when y = 0, else
 * 1 / (1 + a/(b + y − 1) · ((α + T)/(α + t_x))^(r + x)), t_x and T in the fit's time unit.
 * Pareto/NBD's P(alive) has no such form (it needs the hypergeometric function): null.
 */
export function probabilityAliveSql(
  model: PurchaseModelName,
  [r = NaN, alpha = NaN, a = NaN, b = NaN]: readonly number[],
  unitDays: number,
): BoundSql | null {
  if (model === 'paretonbd') return null;
  const shift = model === 'mbgnbd' ? 1 : 0;
  return {
    sql: `CASE WHEN frequency + $aliveShift = 0 THEN 1.0
               ELSE 1 / (1 + exp(
                 ln($aliveA::DOUBLE / ($aliveB::DOUBLE + frequency + $aliveShift - 1))
                 + ($aliveR::DOUBLE + frequency)
                   * ln(($aliveAlpha::DOUBLE + age_days::DOUBLE / $aliveUnit::DOUBLE)
                        / ($aliveAlpha::DOUBLE + recency_days::DOUBLE / $aliveUnit::DOUBLE)))) END`,
    params: {
      aliveShift: shift,
      aliveR: r,
      aliveAlpha: alpha,
      aliveA: a,
      aliveB: b,
      aliveUnit: unitDays,
    },
  };
}
