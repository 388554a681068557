import { describe, expect, it } from 'vitest';
import { atRiskCustomers } from '../../src/customers/at-risk-customers.js';
import {
  customerItemsSql,
  predictionsRelation,
  toCustomerItem,
  type CustomerItemRow,
} from '../../src/customers/customer-item.js';
import { topCustomers } from '../../src/customers/top-customers.js';
import { importFile } from '../../src/ingest/import-file.js';
import { refresh } from '../../src/model/refresh.js';
import { derivedTables } from '../../src/model/registry.js';
import { predictionsStep } from '../../src/predictions/predictions-step.js';
import { Random } from '../../src/shared/random.js';
import { oddShop } from '../helpers/odd-shops.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

const SHOPS = process.env['CLV_THOROUGH'] === '1' ? 45 : 3;

/**
 * What the lists are, said the slow way: every known customer's whole item, filtered and
 * ordered on it, then paged.
 */
async function reference(
  t: TempProject,
  where: string,
  orderBy: string,
  page: { limit: number; offset: number },
) {
  const items = customerItemsSql(await predictionsRelation(t.warehouse));
  const rows = await t.query<CustomerItemRow>(`SELECT * FROM (${items}) WHERE ${where}`);
  const sorted = await t.query<CustomerItemRow>(
    `SELECT * FROM (${items}) WHERE ${where} ORDER BY ${orderBy}
     LIMIT ${page.limit} OFFSET ${page.offset}`,
  );
  return { rows: sorted, total: rows.length };
}

describe(`the top and at-risk customer lists on ${SHOPS} odd shops`, () => {
  it(
    'page exactly as ranking every customer’s whole item would',
    async () => {
      const random = new Random(4242);
      let compared = 0;
      for (let seed = 1; seed <= SHOPS; seed++) {
        const shop = oddShop(seed * 2);
        const t = await tempProject({ refresh: { cron: null } });
        try {
          // And a customer whose only order was canceled: known, in the summary, never a buyer.
          const canceled = 'zz-canceled,purchase,2023-06-01T10:00:00.000Z,zz-order,20,canceled\n';
          const file = await t.file('events.csv', `${shop.csv.trimEnd()}\n${canceled}`);
          await importFile(t.warehouse, t.project, { file, kind: 'events' });
          await refresh(t.warehouse, t.project.config, derivedTables, [predictionsStep]);
          const [{ n } = { n: 0 }] = await t.query<{ n: number }>(
            'SELECT count(*)::INTEGER AS n FROM known_customers',
          );
          const pages = [
            { limit: 50, offset: 0 },
            { limit: 1, offset: 0 },
            { limit: random.int(1, 4), offset: random.int(0, Math.max(0, n - 1)) },
            { limit: 3, offset: n + 2 },
          ];
          for (const page of pages) {
            const about = `shop ${shop.seed} (${shop.kind}) page ${JSON.stringify(page)}`;
            for (const by of ['predicted', 'historic'] as const) {
              const got = await topCustomers(t.warehouse, t.project.config, { by, ...page });
              const want = await reference(
                t,
                by === 'predicted' ? 'predicted_clv IS NOT NULL' : 'first_order IS NOT NULL',
                by === 'predicted'
                  ? 'predicted_clv DESC, customer_id'
                  : 'historic_clv DESC, customer_id',
                page,
              );
              expect(got.items, `${about} by ${by}`).toEqual(want.rows.map(toCustomerItem));
              expect(got.total, `${about} by ${by}`).toBe(want.total);
              compared += want.rows.length;
            }
            for (const minChurnRisk of [0, 0.5, random.uniform(0, 1)]) {
              const got = await atRiskCustomers(t.warehouse, t.project.config, {
                minChurnRisk,
                ...page,
              });
              const want = await reference(
                t,
                `churn_risk >= ${minChurnRisk} AND (historic_clv >= (
                 SELECT min(revenue)::DOUBLE FROM (
                   SELECT revenue, row_number() OVER (ORDER BY revenue DESC) AS rank,
                          count(*) OVER () AS n
                   FROM customer_summary) WHERE rank <= ceil(n / 5))
               OR predicted_clv >= (
                 SELECT min(revenue)::DOUBLE FROM (
                   SELECT revenue, row_number() OVER (ORDER BY revenue DESC) AS rank,
                          count(*) OVER () AS n
                   FROM customer_summary) WHERE rank <= ceil(n / 5)))`,
                'historic_clv DESC, customer_id',
                page,
              );
              expect(
                got.items.map((item) => ({ ...item, churnRisk: undefined })),
                `${about} at risk ${minChurnRisk}`,
              ).toEqual(want.rows.map((row) => ({ ...toCustomerItem(row), churnRisk: undefined })));
              expect(got.items.map((item) => item.churnRisk)).toEqual(
                want.rows.map((row) => row.churn_risk ?? 0),
              );
              expect(got.total, `${about} at risk ${minChurnRisk}`).toBe(want.total);
              compared += want.rows.length;
            }
          }
        } finally {
          await t.cleanup();
        }
      }
      // The shops list somebody: the comparison is of customers, not of empty pages only.
      expect(compared).toBeGreaterThan(50);
    },
    SHOPS * 60_000,
  );
});
