import type { PropertyFilter } from '../../../rules/rule-types';
import { ValueTestInputs } from './ValueTestInputs';

/** The server's bound on an event condition's property filters. */
const MAX_PROPERTIES = 10;

/** The event's property filters: a key and a test each, up to ten. */
export function PropertyFilters({
  filters,
  onChange,
}: {
  filters: PropertyFilter[];
  onChange(filters: PropertyFilter[]): void;
}) {
  return (
    <span className="property-filters">
      {filters.map((filter, i) => (
        <span key={i} className="property-filter" data-role="property-filter">
          <input
            type="text"
            aria-label={`Property ${i + 1} name`}
            placeholder="property"
            value={filter.key}
            onChange={(event) =>
              onChange(filters.map((f, j) => (j === i ? { ...f, key: event.target.value } : f)))
            }
          />
          <ValueTestInputs
            test={filter.test}
            kind={undefined}
            label={`property ${i + 1}`}
            onChange={(test) => onChange(filters.map((f, j) => (j === i ? { ...f, test } : f)))}
          />
          <button
            type="button"
            className="button small"
            aria-label={`Remove property ${i + 1}`}
            onClick={() => onChange(filters.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </span>
      ))}
      {filters.length < MAX_PROPERTIES && (
        <button
          type="button"
          className="button small"
          data-action="add-property"
          onClick={() => onChange([...filters, { key: '', test: { op: 'equals', value: '' } }])}
        >
          Add property filter
        </button>
      )}
    </span>
  );
}
