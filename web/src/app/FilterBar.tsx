import { useState } from 'react';
import { useAttributeValues } from '../api/hooks';
import { useDashboard } from './dashboard-context';
import { customRangeStart, RANGE_LABELS, type Filters, type RangePreset } from './filters';
import { SegmentOptions } from './SegmentOptions';
import type { PageEntry } from './pages';

/** Date range with presets, the comparison, and the segment: each page shows those that act on it. */
export function FilterBar({ page }: { page: PageEntry }) {
  const { filters, setFilters, status } = useDashboard();
  const [from, setFrom] = useState(filters.from ?? '');
  const [to, setTo] = useState(filters.to ?? '');
  // A custom range lives in the address only once it has both days; until then the bar holds it.
  const [choosingCustom, setChoosingCustom] = useState(false);
  const showCustom = choosingCustom || filters.range === 'custom';
  // Attribute values are asked for when the segment list is opened (one answer for all).
  const [listOpened, setListOpened] = useState(false);
  const loadValues = listOpened || filters.segment?.startsWith('attribute:') === true;
  // Here, not in the options: a select only picks its value among options it rendered itself.
  const attributes = useAttributeValues(loadValues);
  const set = (patch: Partial<Filters>) => setFilters({ ...filters, ...patch });
  const customValid =
    /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from < to;
  const chooseRange = (range: RangePreset) => {
    if (range !== 'custom') {
      setChoosingCustom(false);
      set({ range, from: undefined, to: undefined });
      return;
    }
    if (filters.range === 'custom') return;
    const start = customRangeStart(filters, status.latestOrder);
    setFrom(start.from);
    setTo(start.to);
    setChoosingCustom(true);
  };
  return (
    <div className="filter-bar" role="group" aria-label="Filters">
      {page.filters.range && (
        <>
          <label>
            <span>Date range</span>
            <select
              name="range"
              value={showCustom ? 'custom' : filters.range}
              onChange={(event) => chooseRange(event.target.value as RangePreset)}
            >
              {Object.entries(RANGE_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          {showCustom && (
            <form
              className="custom-range"
              aria-label="Custom date range"
              onSubmit={(event) => {
                event.preventDefault();
                if (!customValid) return;
                setChoosingCustom(false);
                set({ range: 'custom', from, to });
              }}
            >
              <label>
                <span>From</span>
                <input
                  type="date"
                  name="from"
                  value={from}
                  onChange={(e) => setFrom(e.target.value)}
                />
              </label>
              <label>
                <span>To (exclusive)</span>
                <input type="date" name="to" value={to} onChange={(e) => setTo(e.target.value)} />
              </label>
              <button type="submit" className="button" disabled={!customValid}>
                Apply
              </button>
              {!customValid && (
                <span className="hint" role="status">
                  Pick two days, the first before the second.
                </span>
              )}
            </form>
          )}
        </>
      )}
      {page.filters.compare && (
        <label>
          <span>Compare with</span>
          <select
            name="compare"
            value={filters.compare}
            onChange={(event) => set({ compare: event.target.value as Filters['compare'] })}
          >
            <option value="previous">Previous period</option>
            <option value="year">Same period last year</option>
          </select>
        </label>
      )}
      {page.filters.segment && (
        <label>
          <span>Segment</span>
          <select
            name="segment"
            onFocus={() => setListOpened(true)}
            onPointerDown={() => setListOpened(true)}
            value={filters.segment ? `${filters.segment}|${filters.group ?? ''}` : ''}
            onChange={(event) => {
              const [segment, group] = event.target.value.split('|');
              set({ segment: segment || undefined, group: group || undefined });
            }}
          >
            <option value="">All customers</option>
            {status.segmentations.map((segmentation) => (
              <SegmentOptions
                key={segmentation}
                segmentation={segmentation}
                attributes={attributes}
                load={loadValues}
              />
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
