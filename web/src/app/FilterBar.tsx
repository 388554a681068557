import { useState } from 'react';
import { useAttributeValues } from '../api/hooks';
import { useDashboard } from './dashboard-context';
import { RANGE_LABELS, type Filters, type RangePreset } from './filters';
import { SegmentOptions } from './SegmentOptions';
import type { PageEntry } from './pages';

/** Date range with presets, the comparison, and the segment: every page reads them from here. */
export function FilterBar({ page }: { page: PageEntry }) {
  const { filters, setFilters, status } = useDashboard();
  const [from, setFrom] = useState(filters.from ?? '');
  const [to, setTo] = useState(filters.to ?? '');
  // Attribute values are asked for when the segment list is opened (one answer for all).
  const [listOpened, setListOpened] = useState(false);
  const loadValues = listOpened || filters.segment?.startsWith('attribute:') === true;
  // Here, not in the options: a select only picks its value among options it rendered itself.
  const attributes = useAttributeValues(loadValues);
  const set = (patch: Partial<Filters>) => setFilters({ ...filters, ...patch });
  const customValid =
    /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from < to;
  return (
    <div className="filter-bar" role="group" aria-label="Filters">
      {page.filters.range && (
        <>
          <label>
            <span>Date range</span>
            <select
              name="range"
              value={filters.range}
              onChange={(event) => {
                const range = event.target.value as RangePreset;
                if (range === 'custom')
                  set({ range, from: from || undefined, to: to || undefined });
                else set({ range, from: undefined, to: undefined });
              }}
            >
              {Object.entries(RANGE_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          {filters.range === 'custom' && (
            <form
              className="custom-range"
              onSubmit={(event) => {
                event.preventDefault();
                if (customValid) set({ from, to });
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
            </form>
          )}
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
        </>
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
