import type { Warehouse } from '../store/warehouse.js';

/** Customers whose value lies in [from, to); the last bin of a distribution also holds `to`. */
export interface Bin {
  from: number;
  to: number;
  customers: number;
}

/** How the predictions spread: P(alive) in tenths, predicted CLV in equal bins up to its 99th percentile. */
export interface PredictionDistributions {
  customers: number;
  pAlive: Bin[];
  predictedClv: Bin[];
  /** Customers above the last CLV bin (the top 1 %, kept apart so they do not flatten the rest). */
  predictedClvAbove: number;
}

const CLV_BINS = 20;

/** Histograms of P(alive) and predicted CLV over `customer_predictions`. */
export async function predictionDistributions(
  warehouse: Warehouse,
): Promise<PredictionDistributions> {
  const alive = await warehouse.query<{ bin: number; customers: number }>(
    `SELECT least(floor(p_alive * 10), 9)::INTEGER AS bin, count(*)::INTEGER AS customers
     FROM customer_predictions WHERE p_alive IS NOT NULL GROUP BY ALL ORDER BY bin`,
  );
  const [scale] = await warehouse.query<{ customers: number; top: number | null }>(
    `SELECT count(*)::INTEGER AS customers, quantile_cont(predicted_clv, 0.99) AS top
     FROM customer_predictions WHERE predicted_clv IS NOT NULL`,
  );
  const customers = scale?.customers ?? 0;
  const top = niceCeiling(scale?.top ?? 0);
  const width = top / CLV_BINS;
  const clv =
    top > 0
      ? await warehouse.query<{ bin: number; customers: number }>(
          `SELECT least(floor(predicted_clv / $width), $last)::INTEGER AS bin,
                  count(*)::INTEGER AS customers
           FROM customer_predictions WHERE predicted_clv <= $top GROUP BY ALL ORDER BY bin`,
          { width, top, last: CLV_BINS - 1 },
        )
      : [];
  // Edges as bin × range / n, not bin × width, so 0.3 reads 0.3 and not 0.30000000000000004.
  const fill = (rows: { bin: number; customers: number }[], n: number, range: number): Bin[] =>
    Array.from({ length: n }, (_, bin) => ({
      from: (bin * range) / n,
      to: ((bin + 1) * range) / n,
      customers: rows.find((r) => r.bin === bin)?.customers ?? 0,
    }));
  const predictedClv = top > 0 ? fill(clv, CLV_BINS, top) : [];
  const binned = predictedClv.reduce((sum, b) => sum + b.customers, 0);
  return {
    customers,
    pAlive: customers > 0 ? fill(alive, 10, 1) : [],
    predictedClv,
    predictedClvAbove: customers - binned,
  };
}

/** The smallest of 1, 2, 2.5 or 5 × 10^k at or above `value`, so bin edges read well. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= value * (1 - 1e-12)) ?? 10;
  return step * power;
}
