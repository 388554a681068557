import type { Config } from '../../config/schema.js';
import { ClvError } from '../../shared/errors.js';
import type { Warehouse } from '../../store/warehouse.js';
import { decilesSql } from '../../model/tables/deciles.js';
import { TABLE } from '../../model/table-names.js';
import { resolveAsOfSource } from '../report-inputs.js';
import { tableExists } from '../../model/store-state.js';

import type { DecileBasis } from '../../model/tables/deciles.js';

export type { DecileBasis };

// A type, not an interface, so that a query can return it as a row.
export type DecileRow = {
  decile: number;
  customers: number;
  /** Sum of the ranking value: lifetime revenue, or predicted CLV with `by: 'predicted'`. */
  revenue: number;
  /** The decile's part of the total; null when the total is 0. */
  share: number | null;
  mean: number;
  min: number;
  max: number;
};

export interface DecilesReport {
  asOf: string;
  by: DecileBasis;
  deciles: DecileRow[];
}

export interface DecilesOptions {
  to?: string;
  by?: DecileBasis;
}

/** Buyers before `asOf` in ten ranked groups by lifetime revenue or predicted CLV. */
export async function decilesReport(
  warehouse: Warehouse,
  _config: Config,
  options: DecilesOptions = {},
): Promise<DecilesReport> {
  const { asOf, derived } = await resolveAsOfSource(warehouse, options.to);
  const by = options.by ?? 'revenue';
  if (by === 'predicted' && !(await tableExists(warehouse, TABLE.customerPredictions))) {
    throw new ClvError('conflict', 'no predictions yet: run clv refresh, which fits the models');
  }
  const deciles =
    by === 'revenue' && derived
      ? await warehouse.query<DecileRow>(
          'SELECT decile, customers, revenue, share, mean, min, max FROM deciles ORDER BY decile',
        )
      : await warehouse.query<DecileRow>(decilesSql(by, warehouse.dialect), { asOf });
  return { asOf, by, deciles };
}
