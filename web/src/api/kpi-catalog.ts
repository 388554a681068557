// The KPI catalogue as the API serves it (GET /metrics/catalog): what each KPI means.
import type { ValueFormat } from '../format/format';
import type { KpiKey } from './types';
import type { ApiState } from './use-api';

export interface KpiCatalogEntry {
  key: KpiKey;
  label: string;
  unit: 'money' | 'count' | 'rate' | 'ratio' | 'decimal';
  good: 'up' | 'down' | 'neither';
  monthly: boolean;
  definition: string;
  formula: string;
}

export interface KpiCatalog {
  kpis: KpiCatalogEntry[];
}

/** A catalogue entry with the number format its unit reads in. */
export type KpiMeta = KpiCatalogEntry & { format: ValueFormat };

/** Every KPI's entry by key. */
export type KpiLookup = Record<KpiKey, KpiMeta>;

const FORMATS: Record<KpiCatalogEntry['unit'], ValueFormat> = {
  money: 'money',
  count: 'count',
  rate: 'percent',
  ratio: 'ratio',
  decimal: 'decimal',
};

const lookups = new WeakMap<KpiCatalog, KpiLookup>();

/** The catalogue by key, made once per answer so pages can pass it around freely. */
export function kpiLookup(catalog: KpiCatalog): KpiLookup {
  let lookup = lookups.get(catalog);
  if (!lookup) {
    lookup = Object.fromEntries(
      catalog.kpis.map((kpi) => [kpi.key, { ...kpi, format: FORMATS[kpi.unit] }]),
    ) as KpiLookup;
    lookups.set(catalog, lookup);
  }
  return lookup;
}

type Loaded<T> = ApiState<T> & { reload(): void };

/** A report's state, ready only once the catalogue is too: widgets never show bare keys. */
export function afterCatalog<T>(state: Loaded<T>, catalog: Loaded<KpiCatalog>): Loaded<T> {
  if (catalog.status === 'ready' || state.status !== 'ready') return state;
  return catalog.status === 'error'
    ? { status: 'error', error: catalog.error, reload: catalog.reload }
    : { status: 'loading', reload: state.reload };
}
