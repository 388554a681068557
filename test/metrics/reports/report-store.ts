import { expect } from 'vitest';
import { importFile } from '../../../src/ingest/import-file.js';
import { refresh } from '../../../src/model/refresh.js';
import { tempProject, type TempProject } from '../../helpers/temp-project.js';

/** The events file's columns in the fixtures; currency is left to the base currency (EUR). */
export const EVENTS_HEADER = 'customer_id,type,timestamp,order_id,amount,status,score';

export interface Fixture {
  config?: object;
  /** Lines of an events CSV with EVENTS_HEADER, header excluded. */
  events: readonly string[];
  customers?: string;
  costs?: string;
}

/** A project holding the fixture's files, imported without rejects and refreshed. */
export async function reportStore(fixture: Fixture): Promise<TempProject> {
  const t = await tempProject(fixture.config);
  const files: ['events' | 'customers' | 'costs', string | undefined][] = [
    ['events', [EVENTS_HEADER, ...fixture.events].join('\n')],
    ['customers', fixture.customers],
    ['costs', fixture.costs],
  ];
  for (const [kind, content] of files) {
    if (content === undefined) continue;
    const file = await t.file(`${kind}.csv`, content);
    const summary = await importFile(t.warehouse, t.project, { file, kind });
    expect(summary.rejected).toBe(0);
  }
  await refresh(t.warehouse, t.project.config);
  return t;
}

/** One purchase line: a successful order unless a status says otherwise. */
export function purchase(
  customer: string,
  timestamp: string,
  amount: number | '',
  order = '',
  status = 'success',
): string {
  return `${customer},purchase,${timestamp},${order},${amount},${status},`;
}

/** One NPS answer. */
export function survey(customer: string, timestamp: string, score: number): string {
  return `${customer},survey,${timestamp},,,,${score}`;
}
