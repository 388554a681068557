import { describe, expect, it } from 'vitest';
import { parseFilters } from '../../app/filters';
import {
  addressHasFilters,
  dashboardFiltersOf,
  dashboardFiltersQuery,
  widgetFilters,
} from './dashboard-filters';

describe('a dashboard’s own filters and the address', () => {
  it('writes a dashboard’s period and segment as the filter bar reads them', () => {
    const query = dashboardFiltersQuery({
      from: '2026-02-01',
      to: '2026-05-01',
      segment: 'attribute:country|DE',
    });
    expect(query).toBe(
      '?range=custom&from=2026-02-01&to=2026-05-01&segment=attribute%3Acountry&group=DE',
    );
    const filters = parseFilters(new URLSearchParams(query));
    expect(filters).toMatchObject({
      range: 'custom',
      from: '2026-02-01',
      segment: 'attribute:country',
      group: 'DE',
    });
    // And back: what "make these filters the default" saves.
    expect(dashboardFiltersOf(filters)).toEqual({
      from: '2026-02-01',
      to: '2026-05-01',
      segment: 'attribute:country|DE',
    });
  });

  it('leaves the default period and all customers out of the address', () => {
    expect(dashboardFiltersQuery({ from: null, to: null, segment: null })).toBe('');
    expect(dashboardFiltersQuery({ from: '2026-01-01', to: null, segment: 'sms' })).toBe(
      '?segment=sms',
    );
    expect(dashboardFiltersOf(parseFilters(new URLSearchParams('range=last30')))).toEqual({
      from: null,
      to: null,
      segment: null,
    });
  });

  it('knows an address that chooses its own filters (a shared link)', () => {
    expect(addressHasFilters(new URLSearchParams(''))).toBe(false);
    expect(addressHasFilters(new URLSearchParams('segment=email&group=subscribed'))).toBe(true);
    expect(addressHasFilters(new URLSearchParams('range=last90'))).toBe(true);
  });

  it('binds queries to the days the period shows, the API’s default period included', () => {
    const last12 = parseFilters(new URLSearchParams('segment=email&group=subscribed'));
    expect(widgetFilters(last12, {}, '2026-11-20', 3)).toEqual({
      period: {},
      values: { from: '2025-11-01', to: '2026-11-01', segment: 'email|subscribed' },
      segment: 'email',
      group: 'subscribed',
      refresh: 3,
    });
  });
});
