import type { KindImporter } from './kind-importer.js';
import { requireColumns } from './require-columns.js';
import { upsertKeyed } from './upsert-keyed.js';

/** Acquisition spend per month and channel, upserted by (month, channel). */
export const importCosts: KindImporter = (context) => {
  const { staged } = context;
  requireColumns(staged, [
    { key: 'month', name: 'month' },
    { key: 'channel', name: 'channel' },
    { key: 'spend', name: 'spend' },
  ]);
  return upsertKeyed(context, {
    table: 'costs',
    keys: ['month', 'channel'],
    values: ['spend'],
    validate: (relation) => `
      SELECT line, month, channel, spend,
             CASE
               WHEN month IS NULL THEN 'missing month'
               WHEN NOT regexp_full_match(month, '[0-9]{4}-(0[1-9]|1[0-2])')
                 THEN 'month is not YYYY-MM: ' || month
               WHEN channel IS NULL THEN 'missing channel'
               WHEN spend_raw IS NULL THEN 'missing spend'
               WHEN spend IS NULL OR NOT isfinite(spend) THEN 'non-numeric spend: ' || spend_raw
               WHEN spend < 0 THEN 'negative spend: ' || spend_raw
             END AS reason
      FROM (
        SELECT __line AS line, ${staged.field('month')} AS month,
               ${staged.field('channel')} AS channel, ${staged.field('spend')} AS spend_raw,
               try_cast(${staged.field('spend')} AS DOUBLE) AS spend
        FROM ${relation}
      )`,
  });
};
