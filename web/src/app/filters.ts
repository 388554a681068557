// The dashboard's selection (date range, comparison, segment) as it lives in the address.
import { addDays, isDay, today } from './dates';

export type RangePreset = 'last12m' | 'last30' | 'last90' | 'ytd' | 'custom';
export type CompareWith = 'previous' | 'year';

export interface Filters {
  range: RangePreset;
  /** Only for a custom range: the first day and the day after the last. */
  from?: string;
  to?: string;
  compare: CompareWith;
  /** A segmentation (email, sms, attribute:NAME) and, optionally, one of its groups. */
  segment?: string;
  group?: string;
  /** The CLV method the overview shows (predicted, rolling, historic, simple). */
  clv?: string;
}

export const RANGE_LABELS: Record<RangePreset, string> = {
  last12m: 'Last 12 full months',
  last30: 'Last 30 days',
  last90: 'Last 90 days',
  ytd: 'Year to date',
  custom: 'Custom',
};

/** The filters in a query string; anything unknown or malformed falls back to the default. */
export function parseFilters(search: URLSearchParams): Filters {
  const range = search.get('range');
  const filters: Filters = {
    range: range && range in RANGE_LABELS ? (range as RangePreset) : 'last12m',
    compare: search.get('compare') === 'year' ? 'year' : 'previous',
  };
  const from = search.get('from');
  const to = search.get('to');
  if (filters.range === 'custom') {
    if (isDay(from) && isDay(to) && from < to) Object.assign(filters, { from, to });
    else filters.range = 'last12m';
  }
  const segment = search.get('segment');
  if (segment) filters.segment = segment;
  const group = search.get('group');
  if (segment && group) filters.group = group;
  const clv = search.get('clv');
  if (clv && /^[a-z]+$/.test(clv)) filters.clv = clv;
  return filters;
}

/** The query string of the filters, without the defaults, so plain addresses stay plain. */
export function filtersQuery(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.range !== 'last12m') params.set('range', filters.range);
  if (filters.range === 'custom' && filters.from && filters.to) {
    params.set('from', filters.from);
    params.set('to', filters.to);
  }
  if (filters.compare !== 'previous') params.set('compare', filters.compare);
  if (filters.segment) params.set('segment', filters.segment);
  if (filters.segment && filters.group) params.set('group', filters.group);
  if (filters.clv) params.set('clv', filters.clv);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The period a preset stands for. Ranges end with the latest order's day, so a shop whose
 * data stops early (the demo, a late import) still sees its last 30 days. The default, the
 * last 12 full months, is the API's own default period: no dates are sent.
 */
export function periodOf(
  filters: Filters,
  latestOrder: string | null,
  now = today(),
): { from?: string; to?: string } {
  const end = addDays(latestOrder && latestOrder < now ? latestOrder : now, 1);
  switch (filters.range) {
    case 'last12m':
      return {};
    case 'last30':
      return { from: addDays(end, -30), to: end };
    case 'last90':
      return { from: addDays(end, -90), to: end };
    case 'ytd':
      return { from: `${addDays(end, -1).slice(0, 4)}-01-01`, to: end };
    case 'custom':
      return filters.from && filters.to ? { from: filters.from, to: filters.to } : {};
  }
}

/**
 * The days a newly opened custom range starts from: the period shown now, or for the default
 * (whose dates the API picks) the 12 full months before the latest order's month.
 */
export function customRangeStart(
  filters: Filters,
  latestOrder: string | null,
  now = today(),
): { from: string; to: string } {
  const shown = periodOf(filters, latestOrder, now);
  if (shown.from && shown.to) return { from: shown.from, to: shown.to };
  // As the API does: from the first of the latest order's month, twelve months back.
  const to = `${(latestOrder ?? now).slice(0, 7)}-01`;
  return { from: `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`, to };
}

/** The label of a segmentation: email, sms or a configured attribute. */
export function segmentationLabel(segmentation: string): string {
  if (segmentation === 'email') return 'Email subscribers';
  if (segmentation === 'sms') return 'SMS subscribers';
  return segmentation.replace(/^attribute:/, '').replace(/_/g, ' ');
}

/**
 * How a group of a segmentation reads: the consent groups in words ("Not SMS subscribers"),
 * an attribute's value with spaces for underscores ("paid search"). Exports keep raw values.
 */
export function groupLabel(segmentation: string, group: string): string {
  if (segmentation === 'email' || segmentation === 'sms') {
    const label = segmentationLabel(segmentation);
    if (group === 'subscribed') return label;
    if (group === 'not subscribed')
      return `Not ${segmentation === 'sms' ? 'SMS' : 'email'} subscribers`;
    return group;
  }
  return group.replace(/_/g, ' ');
}
