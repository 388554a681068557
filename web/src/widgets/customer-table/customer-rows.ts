import type { CustomerSummary } from '../../api/types';
import type { Column, TableData } from '../../format/csv';

const COLUMNS: Column[] = [
  { key: 'customerId', label: 'Customer', format: 'text' },
  { key: 'orders', label: 'Orders', format: 'count' },
  { key: 'firstOrder', label: 'First order', format: 'text' },
  { key: 'lastOrder', label: 'Last order', format: 'text' },
  { key: 'historicClv', label: 'Historic CLV', format: 'money' },
  { key: 'predictedClv', label: 'Predicted CLV', format: 'money' },
  { key: 'pAlive', label: 'P(alive)', format: 'percent' },
];

const CHURN_RISK: Column = { key: 'churnRisk', label: 'Churn risk', format: 'percent' };

/** Why predictions are null or flagged: in the CSV, and on screen as the cells' tooltip. */
export const PREDICTION_NOTE: Column = {
  key: 'predictionReason',
  label: 'Prediction note',
  format: 'text',
};

/** The columns a half-width card shows: the id, both CLVs, and churn risk or P(alive). */
export function compactColumns(table: TableData): Column[] {
  const hasChurnRisk = table.columns.some((c) => c.key === 'churnRisk');
  const keep = ['customerId', 'historicClv', 'predictedClv', hasChurnRisk ? 'churnRisk' : 'pAlive'];
  return table.columns.filter((c) => keep.includes(c.key));
}

/** Columns holding a day (YYYY-MM-DD), shown in the locale's date style. */
export const DAY_COLUMNS = new Set(['firstOrder', 'lastOrder']);

/**
 * Customers as a table with raw values: the id, orders, first and last order, historic and
 * predicted CLV, P(alive), the churn risk when the list reports it (the at-risk list), and the
 * prediction note when a model was not ok.
 */
export function customerTable(items: readonly CustomerSummary[]): TableData {
  const withChurnRisk = items.some((item) => item.churnRisk !== undefined);
  const withNote = items.some((item) => item.predictionReason);
  return {
    columns: [
      ...COLUMNS,
      ...(withChurnRisk ? [CHURN_RISK] : []),
      ...(withNote ? [PREDICTION_NOTE] : []),
    ],
    rows: items.map((item) => ({
      customerId: item.customerId,
      orders: item.orders,
      firstOrder: item.firstOrder,
      lastOrder: item.lastOrder,
      historicClv: item.historicClv,
      predictedClv: item.predictedClv,
      pAlive: item.pAlive,
      ...(withChurnRisk ? { churnRisk: item.churnRisk ?? null } : {}),
      ...(withNote ? { predictionReason: item.predictionReason } : {}),
    })),
  };
}
