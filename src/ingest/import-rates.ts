import { MAX_RATE } from '../config/accepted-ranges.js';
import { keyedImporter } from './upsert-keyed.js';

/** Exchange rates to the base currency, upserted by currency. */
export const importRates = keyedImporter({
  table: 'rates',
  keys: ['currency'],
  values: ['rate_to_base'],
  required: ['currency', 'rate_to_base'],
  fields: (staged) => `upper(${staged.field('currency')}) AS currency,
    ${staged.field('rate_to_base')} AS rate_raw,
    try_cast(${staged.field('rate_to_base')} AS DOUBLE) AS rate_to_base`,
  reason: `CASE
    WHEN currency IS NULL THEN 'missing currency'
    WHEN NOT regexp_full_match(currency, '[A-Z]{3}')
      THEN 'currency is not a three-letter code: ' || currency
    WHEN rate_raw IS NULL THEN 'missing rate_to_base'
    WHEN rate_to_base IS NULL OR NOT isfinite(rate_to_base) THEN 'non-numeric rate_to_base: ' || rate_raw
    WHEN rate_to_base <= 0 THEN 'rate_to_base must be positive: ' || rate_raw
    WHEN rate_to_base > $maxRate THEN 'rate_to_base above ' || $maxRateLabel || ': ' || rate_raw
    WHEN currency = $baseCurrency AND rate_to_base <> 1
      THEN 'the base currency ' || currency || ' has rate 1, not ' || rate_raw
  END`,
  params: (config) => ({
    baseCurrency: config.baseCurrency,
    maxRate: MAX_RATE,
    maxRateLabel: MAX_RATE.toLocaleString('en', { useGrouping: false }),
  }),
});
