import { describe, expect, it } from 'vitest';
import type { CustomerSummary } from '../../api/types';
import { compactColumns, customerTable } from './customer-rows';

const buyer: CustomerSummary = {
  customerId: 'C001',
  attributes: { country: 'DE' },
  firstOrder: '2025-01-02',
  lastOrder: '2026-03-04',
  orders: 3,
  historicClv: 120.5,
  predictedClv: 80.25,
  pAlive: 0.9,
  predictionReason: null,
};
const signup: CustomerSummary = {
  customerId: 'C002',
  attributes: {},
  firstOrder: null,
  lastOrder: null,
  orders: 0,
  historicClv: 0,
  predictedClv: null,
  pAlive: null,
  predictionReason: null,
};

describe('customer table', () => {
  it('gives one row per customer with raw values, nulls kept', () => {
    const table = customerTable([buyer, signup]);
    expect(table.columns.map((c) => c.key)).toEqual([
      'customerId',
      'orders',
      'firstOrder',
      'lastOrder',
      'historicClv',
      'predictedClv',
      'pAlive',
    ]);
    expect(table.rows).toEqual([
      {
        customerId: 'C001',
        orders: 3,
        firstOrder: '2025-01-02',
        lastOrder: '2026-03-04',
        historicClv: 120.5,
        predictedClv: 80.25,
        pAlive: 0.9,
      },
      {
        customerId: 'C002',
        orders: 0,
        firstOrder: null,
        lastOrder: null,
        historicClv: 0,
        predictedClv: null,
        pAlive: null,
      },
    ]);
  });

  it('adds the churn risk for lists that report it', () => {
    const table = customerTable([{ ...buyer, churnRisk: 0.75 }]);
    expect(table.columns.at(-1)).toEqual({
      key: 'churnRisk',
      label: 'Churn risk',
      format: 'percent',
    });
    expect(table.rows[0]?.churnRisk).toBe(0.75);
  });

  it('keeps the id, both CLVs and churn risk or P(alive) in half-width cards', () => {
    expect(compactColumns(customerTable([buyer])).map((c) => c.key)).toEqual([
      'customerId',
      'historicClv',
      'predictedClv',
      'pAlive',
    ]);
    const atRisk = customerTable([{ ...buyer, churnRisk: 0.75 }]);
    expect(compactColumns(atRisk).map((c) => c.key)).toEqual([
      'customerId',
      'historicClv',
      'predictedClv',
      'churnRisk',
    ]);
  });

  it('adds the prediction note to the CSV when a model was not ok', () => {
    const reason = 'Gamma-Gamma could not be fitted (no repeat buyers): no expected spend or CLV';
    const table = customerTable([buyer, { ...signup, predictionReason: reason }]);
    expect(table.columns.at(-1)).toEqual({
      key: 'predictionReason',
      label: 'Prediction note',
      format: 'text',
    });
    expect(table.rows.map((r) => r.predictionReason)).toEqual([null, reason]);
    // Half-width cards keep their four columns: the note is the cells' tooltip there.
    expect(compactColumns(table).map((c) => c.key)).toEqual([
      'customerId',
      'historicClv',
      'predictedClv',
      'pAlive',
    ]);
    expect(customerTable([buyer]).columns.some((c) => c.key === 'predictionReason')).toBe(false);
  });
});
