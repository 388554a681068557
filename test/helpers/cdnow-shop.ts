import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { cdnowSummaryRows } from './cdnow-summary.js';
import { importedShop } from './imported-shop.js';
import type { TempProject } from './temp-project.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/cdnow/', import.meta.url));

/** The CDNOW transaction log (see test/fixtures/cdnow/SOURCE.md) as rows. */
export async function cdnowTransactions(): Promise<
  { customer: string; day: string; dollars: string }[]
> {
  const text = await readFile(`${FIXTURES}CDNOW_sample.txt`, 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [, customer = '', date = '', , dollars = ''] = line.trim().split(/\s+/);
      return {
        customer,
        day: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`,
        dollars,
      };
    });
}

/** The published 39-week calibration summary: sample id → [frequency, recency, T] in weeks. */
export function cdnowPublishedSummary(): Map<string, [number, number, number]> {
  return new Map(cdnowSummaryRows().map((row) => [row.id, [row.frequency, row.recency, row.age]]));
}

/**
 * A project holding CDNOW imported through the normal import path (one purchase event per
 * row, in dollars), refreshed with its predictions. `config` adds to the project config; the
 * purchase model is BG/NBD unless it says otherwise, since the published figures are BG/NBD's.
 */
export async function cdnowShop(
  config: { model?: object; [key: string]: unknown } = {},
): Promise<TempProject> {
  const rows = await cdnowTransactions();
  const csv = [
    'customer_id,type,timestamp,amount,currency',
    ...rows.map((row) => `${row.customer},purchase,${row.day}T12:00:00Z,${row.dollars},USD`),
  ].join('\n');
  return importedShop({
    config: { baseCurrency: 'USD', ...config, model: { purchaseModel: 'bgnbd', ...config.model } },
    files: [{ kind: 'events', content: csv, name: 'cdnow.csv' }],
    refresh: 'all',
  });
}
