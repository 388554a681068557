import { importedShop } from '../../helpers/imported-shop.js';
import type { TempProject } from '../../helpers/temp-project.js';

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
export function reportStore(fixture: Fixture): Promise<TempProject> {
  return importedShop({
    config: fixture.config,
    files: [
      { kind: 'events', content: [EVENTS_HEADER, ...fixture.events].join('\n') },
      fixture.customers !== undefined && { kind: 'customers', content: fixture.customers },
      fixture.costs !== undefined && { kind: 'costs', content: fixture.costs },
    ],
    refresh: 'derived',
  });
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
