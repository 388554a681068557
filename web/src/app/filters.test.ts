import { describe, expect, it } from 'vitest';
import { customRangeStart, filtersQuery, groupLabel, parseFilters, periodOf } from './filters';

const parse = (query: string) => parseFilters(new URLSearchParams(query));

describe('filters in the address', () => {
  it('reads presets, custom ranges, comparison and segment, falling back on nonsense', () => {
    expect(parse('')).toEqual({ range: 'last12m', compare: 'previous' });
    expect(parse('range=last30&compare=year&segment=email&group=subscribed')).toEqual({
      range: 'last30',
      compare: 'year',
      segment: 'email',
      group: 'subscribed',
    });
    expect(parse('range=custom&from=2026-01-01&to=2026-03-01')).toEqual({
      range: 'custom',
      from: '2026-01-01',
      to: '2026-03-01',
      compare: 'previous',
    });
    // A custom range needs two real days in order.
    expect(parse('range=custom&from=2026-02-30&to=2026-03-01').range).toBe('last12m');
    expect(parse('range=custom&from=2026-03-01&to=2026-01-01').range).toBe('last12m');
    expect(parse('range=forever&compare=sideways&group=x')).toEqual({
      range: 'last12m',
      compare: 'previous',
    });
  });

  it('writes only what differs from the default', () => {
    expect(filtersQuery({ range: 'last12m', compare: 'previous' })).toBe('');
    const filters = parse(
      'range=custom&from=2026-01-01&to=2026-03-01&compare=year&segment=sms&clv=rolling',
    );
    expect(filtersQuery(filters)).toBe(
      '?range=custom&from=2026-01-01&to=2026-03-01&compare=year&segment=sms&clv=rolling',
    );
    expect(parseFilters(new URLSearchParams(filtersQuery(filters)))).toEqual(filters);
  });

  it('ends preset ranges with the latest order, or today when the data is current', () => {
    const latest = '2026-10-31';
    const now = '2026-12-02';
    expect(periodOf(parse('range=last30'), latest, now)).toEqual({
      from: '2026-10-02',
      to: '2026-11-01',
    });
    expect(periodOf(parse('range=last90'), latest, now)).toEqual({
      from: '2026-08-03',
      to: '2026-11-01',
    });
    expect(periodOf(parse('range=ytd'), latest, now)).toEqual({
      from: '2026-01-01',
      to: '2026-11-01',
    });
    // The API's own default period: no dates sent.
    expect(periodOf(parse(''), latest, now)).toEqual({});
    expect(periodOf(parse('range=last30'), null, now)).toEqual({
      from: '2026-11-03',
      to: '2026-12-03',
    });
    expect(periodOf(parse('range=custom&from=2025-01-01&to=2025-02-01'), latest, now)).toEqual({
      from: '2025-01-01',
      to: '2025-02-01',
    });
  });
});

describe('group labels', () => {
  it('reads consent groups in words and attribute values with spaces', () => {
    expect(groupLabel('sms', 'subscribed')).toBe('SMS subscribers');
    expect(groupLabel('sms', 'not subscribed')).toBe('Not SMS subscribers');
    expect(groupLabel('email', 'not subscribed')).toBe('Not email subscribers');
    expect(groupLabel('attribute:acquisition_channel', 'paid_search')).toBe('paid search');
    expect(groupLabel('attribute:country', 'DE')).toBe('DE');
  });
});

describe('a custom range opened from the filter bar', () => {
  it('starts from the period shown, or the API’s default 12 full months', () => {
    const now = '2026-12-05';
    expect(customRangeStart(parse(''), '2026-10-17', now)).toEqual({
      from: '2025-10-01',
      to: '2026-10-01',
    });
    expect(customRangeStart(parse('range=last30'), '2026-10-17', now)).toEqual({
      from: '2026-09-18',
      to: '2026-10-18',
    });
    expect(customRangeStart(parse(''), null, now)).toEqual({
      from: '2025-12-01',
      to: '2026-12-01',
    });
  });
});
