import { acceptedRanges, describeLimits } from '../config/accepted-ranges.js';
import { keyedImporter } from './upsert-keyed.js';

/** Acquisition spend per month and channel, upserted by (month, channel). */
export const importCosts = keyedImporter({
  table: 'costs',
  keys: ['month', 'channel'],
  values: ['spend'],
  required: ['month', 'channel', 'spend'],
  fields: (staged) => `${staged.field('month')} AS month, ${staged.field('channel')} AS channel,
    ${staged.field('spend')} AS spend_raw, try_cast(${staged.field('spend')} AS DOUBLE) AS spend`,
  reason: `CASE
    WHEN month IS NULL THEN 'missing month'
    WHEN NOT regexp_full_match(month, '[0-9]{4}-(0[1-9]|1[0-2])') THEN 'month is not YYYY-MM: ' || month
    WHEN channel IS NULL THEN 'missing channel'
    WHEN spend_raw IS NULL THEN 'missing spend'
    WHEN spend IS NULL OR NOT isfinite(spend) THEN 'non-numeric spend: ' || spend_raw
    WHEN spend < 0 THEN 'negative spend: ' || spend_raw
    WHEN spend > $maxAmount THEN 'spend above ' || $amountLabel || ': ' || spend_raw
  END`,
  params: (config) => {
    const ranges = acceptedRanges(config);
    return { maxAmount: ranges.maxAmount, amountLabel: describeLimits(config, ranges).amount };
  },
});
