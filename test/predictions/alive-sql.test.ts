import { describe, expect } from 'vitest';
import { probabilityAliveSql } from '../../src/predictions/alive-sql.js';
import { purchaseModels } from '../../src/predictions/purchase-models.js';
import { Random } from '../../src/shared/random.js';
import { projectTest } from '../helpers/project-test.js';

const test = projectTest();
// Seeded; CLV_PROPERTY_CASES=20000 for a longer run.
const CASES = Number(process.env['CLV_PROPERTY_CASES'] ?? 400);

describe('P(alive) in SQL', () => {
  test.for(['bgnbd', 'mbgnbd'] as const)(
    '%s: equals the model function on seeded odd histories and parameters',
    async (name, { t }) => {
      const random = new Random(20261206);
      const model = purchaseModels[name];
      await t.warehouse.run(
        `CREATE TABLE histories (i INTEGER, frequency INTEGER, recency_days INTEGER,
           age_days INTEGER, unit DOUBLE, r DOUBLE, alpha DOUBLE, a DOUBLE, b DOUBLE)`,
      );
      const cases: { x: number; tx: number; T: number; unit: number; values: number[] }[] = [];
      for (let i = 0; i < CASES; i++) {
        // Parameters over eight orders of magnitude; histories from none to a thousand repeat
        // days, with the last purchase on the first day, on the end day, or anywhere between.
        const values = [0, 1, 2, 3].map(() => Math.exp(random.uniform(-9, 9)));
        const x = random.next() < 0.2 ? 0 : random.int(1, 1000);
        const T = x === 0 ? random.int(0, 3) : random.int(x, 4000);
        const tx = x === 0 ? 0 : ([0, T, random.int(0, T)][random.int(0, 2)] ?? 0);
        cases.push({ x, tx, T, unit: random.next() < 0.5 ? 1 : 7, values });
      }
      await t.warehouse.append(
        'histories',
        cases.map((c, i) => [i, c.x, c.tx, c.T, c.unit, ...c.values]),
      );
      // One statement per case would bind each case's parameters; instead the parameters are
      // columns, substituted for the bound names (the SQL's only $ references).
      const { sql } = probabilityAliveSql(name, [1, 1, 1, 1], 1) ?? { sql: '' };
      const perRow = sql
        .replaceAll('$aliveShift', name === 'mbgnbd' ? '1' : '0')
        .replaceAll('$aliveUnit', 'unit')
        .replaceAll('$aliveAlpha', 'alpha')
        .replaceAll('$aliveR', 'r')
        .replaceAll('$aliveA', 'a')
        .replaceAll('$aliveB', 'b');
      const rows = await t.query<{ i: number; p: number }>(
        `SELECT i, ${perRow} AS p FROM histories ORDER BY i`,
      );
      expect(rows).toHaveLength(CASES);
      let worst = 0;
      for (const { i, p } of rows) {
        const c = cases[i];
        if (!c) throw new Error(`no case ${i}`);
        const expected = model.probabilityAlive(c.values, c.x, c.tx / c.unit, c.T / c.unit);
        expect(Number.isFinite(p)).toBe(true);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        worst = Math.max(worst, Math.abs(p - expected) / Math.max(expected, 1e-300));
        if (expected === 0) expect(p).toBe(0);
      }
      expect(worst).toBeLessThan(1e-12);
    },
  );

  test('binds the fit and the time unit, and BG/NBD says 1 without repeat purchases', async ({
    t,
  }) => {
    const values = [0.24, 4.41, 0.79, 2.43];
    const bound = probabilityAliveSql('bgnbd', values, 7);
    if (!bound) throw new Error('BG/NBD has a closed form');
    const [row] = await t.warehouse.query<{ none: number; some: number }>(
      `SELECT (SELECT ${bound.sql} FROM (SELECT 0 AS frequency, 0 AS recency_days, 70 AS age_days)) AS none,
              (SELECT ${bound.sql} FROM (SELECT 2 AS frequency, 14 AS recency_days, 70 AS age_days)) AS some`,
      bound.params,
    );
    expect(row?.none).toBe(1);
    // By hand: 1 / (1 + 0.79/(2.43 + 1) · ((4.41 + 10)/(4.41 + 2))^(0.24 + 2)).
    const odds = (0.79 / 3.43) * Math.pow(14.41 / 6.41, 2.24);
    expect(row?.some).toBeCloseTo(1 / (1 + odds), 14);
    expect(probabilityAliveSql('paretonbd', values, 7)).toBeNull();
  });
});
