import { useEffect, useState } from 'react';
import type { Widget, WidgetSource } from '../../dashboards/dashboard-types';
import { defaultVisual } from '../../dashboards/visual-data';
import type { FormatContext } from '../../format/format';
import { EncodingFields } from './EncodingFields';
import type { WidgetFilters } from './load-source';
import { SourceFields, sourceComplete } from './SourceFields';
import { useWidgetData } from './use-widget-data';
import { WidgetCard } from './WidgetCard';

/** What a source is apart from its parameters: a new one starts a new visual. */
const identity = (source: WidgetSource) =>
  JSON.stringify(source.kind === 'query' ? { ...source, params: null } : source);

/**
 * The widget composer: choose a source, see the widget live as configured, pick its visual and
 * encoding among the source's columns, then place it (or put an edited one back).
 */
export function Composer({
  start,
  isNew,
  filters,
  context,
  onPlace,
  onCancel,
}: {
  start: Widget;
  isNew: boolean;
  filters: WidgetFilters;
  context: FormatContext;
  onPlace(widget: Widget): void;
  onCancel(): void;
}) {
  const [title, setTitle] = useState(start.title);
  const [titleTouched, setTitleTouched] = useState(!isNew);
  const [source, setSource] = useState(start.source);
  const [visual, setVisual] = useState(start.visual);
  // A new source's first answer chooses the visual; after that the choice is the user's.
  const [autoVisual, setAutoVisual] = useState(isNew);
  const complete = sourceComplete(source);
  const data = useWidgetData(complete ? source : null, filters);
  const table = data.status === 'ready' ? data.table : null;
  useEffect(() => {
    if (!autoVisual || !table) return;
    setVisual(defaultVisual(table, source.kind));
    setAutoVisual(false);
  }, [autoVisual, table, source.kind]);
  const widget: Widget = { ...start, title: title.trim() || 'Untitled widget', source, visual };
  return (
    <aside className="composer card" aria-label="Widget composer" data-role="composer">
      <header className="card-header">
        <h2>{isNew ? 'Add a widget' : 'Edit the widget'}</h2>
      </header>
      <div className="composer-body">
        <div className="composer-form">
          <SourceFields
            source={source}
            onChange={(next, suggested) => {
              if (identity(next) !== identity(source)) {
                setAutoVisual(true);
                if (!titleTouched) setTitle(suggested);
              }
              setSource(next);
            }}
          />
          <label className="composer-title">
            <span>Title</span>
            <input
              name="widget-title"
              value={title}
              maxLength={200}
              onChange={(event) => {
                setTitle(event.target.value);
                setTitleTouched(true);
              }}
            />
          </label>
          <EncodingFields
            visual={visual}
            columns={table?.columns ?? []}
            onChange={(next) => {
              setVisual(next);
              setAutoVisual(false);
            }}
          />
        </div>
        <div className="composer-preview" aria-label="Preview">
          {complete ? (
            <WidgetCard
              widget={widget}
              filters={filters}
              context={context}
              height={340}
              domId="composer-preview"
            />
          ) : (
            <p className="muted">Choose the source to see the widget.</p>
          )}
        </div>
      </div>
      <footer className="composer-actions">
        <button
          type="button"
          className="button primary"
          data-action="place-widget"
          disabled={!complete || (autoVisual && data.status === 'loading')}
          onClick={() => onPlace(widget)}
        >
          {isNew ? 'Place on the dashboard' : 'Apply'}
        </button>
        <button type="button" className="button" data-action="cancel-widget" onClick={onCancel}>
          Cancel
        </button>
      </footer>
    </aside>
  );
}
