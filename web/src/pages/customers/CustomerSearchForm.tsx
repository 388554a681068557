import { useState, type FormEvent } from 'react';
import { segmentationLabel } from '../../app/filters';
import type { CustomerSearch } from './customer-search';

/**
 * The search: part of an id, and optionally an attribute and its value. The page gives it a
 * key per search in the address, so Back and Forward reset the fields.
 */
export function CustomerSearchForm({
  search,
  attributes,
  onSearch,
}: {
  search: CustomerSearch;
  /** Attribute names the dashboard knows (its attribute segmentations). */
  attributes: readonly string[];
  onSearch(next: CustomerSearch): void;
}) {
  const [q, setQ] = useState(search.q);
  const [attribute, setAttribute] = useState(search.attribute);
  const [value, setValue] = useState(search.value);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch({ q: q.trim(), attribute, value: attribute ? value.trim() : '', offset: 0 });
  };
  const clear = () => onSearch({ q: '', attribute: '', value: '', offset: 0 });
  return (
    <form className="inline-form card customer-search" role="search" onSubmit={submit}>
      <label>
        <span>Customer id contains</span>
        <input
          type="search"
          name="q"
          value={q}
          placeholder="e.g. C0001"
          maxLength={200}
          onChange={(event) => setQ(event.target.value)}
        />
      </label>
      <label>
        <span>Attribute</span>
        <select name="attribute" value={attribute} onChange={(e) => setAttribute(e.target.value)}>
          <option value="">Any</option>
          {attributes.map((name) => (
            <option key={name} value={name}>
              {segmentationLabel(`attribute:${name}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Attribute value</span>
        <input
          type="text"
          name="value"
          value={value}
          disabled={!attribute}
          placeholder={attribute ? 'e.g. DE' : 'Choose an attribute'}
          maxLength={1000}
          onChange={(event) => setValue(event.target.value)}
        />
      </label>
      <button type="submit" className="button primary" data-action="search">
        Search
      </button>
      <button type="button" className="button" data-action="clear-search" onClick={clear}>
        Clear
      </button>
    </form>
  );
}
