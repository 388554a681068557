import { readFileSync } from 'node:fs';

/** A row of the published CDNOW calibration summary (weeks; see test/fixtures/cdnow/SOURCE.md). */
export interface CdnowSummaryRow {
  /** The sample id, zero-padded as in the transaction log ("0001"). */
  id: string;
  frequency: number;
  recency: number;
  age: number;
}

/** The 2,357 rows of `cdnow_customers_summary.csv`, as published (rounded to 2 decimals). */
export function cdnowSummaryRows(): CdnowSummaryRow[] {
  const url = new URL('../fixtures/cdnow/cdnow_customers_summary.csv', import.meta.url);
  return readFileSync(url, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [id = '', frequency = '', recency = '', age = ''] = line.split(',');
      return {
        id: id.padStart(4, '0'),
        frequency: Number(frequency),
        recency: Number(recency),
        age: Number(age),
      };
    });
}
