import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { exportDashboard, saveDashboard } from '../../api/dashboard-actions';
import { useDashboard } from '../../app/dashboard-context';
import { Link } from '../../app/Link';
import {
  GRID,
  inputOf,
  type Dashboard,
  type DashboardInput,
  type Widget,
  type WidgetLayout,
} from '../../dashboards/dashboard-types';
import { newWidgetId, placeWidget } from '../../dashboards/place-widget';
import { canRedo, canUndo, record, redo, startHistory, undo } from '../../dashboards/undo-stack';
import { VISUALS } from '../../widgets/dashboard-visual/visual-registry';
import { Composer } from './Composer';
import { DashboardGrid } from './DashboardGrid';
import { dashboardFiltersOf } from './dashboard-filters';
import type { WidgetFilters } from './load-source';
import { WidgetCard } from './WidgetCard';

type Composing = { widget: Widget; isNew: boolean } | null;
type Saving =
  { state: 'idle' | 'saving' } | { state: 'conflict' } | { state: 'failed'; message: string };

const NEW_WIDGET: Omit<Widget, 'id' | 'layout'> = {
  title: 'Revenue',
  source: { kind: 'kpi', kpi: 'revenue' },
  visual: { type: 'kpi', y: ['value'] },
};

/** Whether a key press belongs to a text field (which keeps its own undo). */
const inField = (target: EventTarget | null) =>
  target instanceof HTMLElement && target.closest('input, textarea, select') !== null;

/**
 * A dashboard's grid, and for admins its Edit mode: add, edit, move, resize and remove
 * widgets, undo and redo (buttons and Ctrl-Z / Ctrl-Shift-Z), then save with the version
 * opened; a 409 means someone saved in between and offers to reload.
 */
export function DashboardEditor({
  dashboard,
  filters,
  onReload,
}: {
  dashboard: Dashboard;
  filters: WidgetFilters;
  onReload(): void;
}) {
  const { status, format, href, filters: barFilters } = useDashboard();
  const admin = status.role === 'admin';
  const saved = inputOf(dashboard);
  const [history, setHistory] = useState(() => startHistory<DashboardInput>(saved));
  // A new, empty dashboard opens ready to edit.
  const [editing, setEditing] = useState(admin && dashboard.widgets.length === 0);
  const [composing, setComposing] = useState<Composing>(null);
  const [saving, setSaving] = useState<Saving>({ state: 'idle' });
  const draft = history.present;
  const dirty = JSON.stringify(history.present) !== JSON.stringify(saved);
  const edit = useCallback(
    (change: (input: DashboardInput) => DashboardInput, group?: string) =>
      setHistory((h) => record(h, change(h.present), group)),
    [],
  );

  useEffect(() => {
    if (!editing) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || inField(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) setHistory(undo);
      else if ((key === 'z' && event.shiftKey) || key === 'y') setHistory(redo);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editing]);

  const place = (widget: Widget, isNew: boolean) => {
    edit((input) => {
      if (!isNew) {
        return { ...input, widgets: input.widgets.map((w) => (w.id === widget.id ? widget : w)) };
      }
      const layout = placeWidget(
        input.widgets.map((w) => w.layout),
        VISUALS[widget.visual.type].size,
      );
      return { ...input, widgets: [...input.widgets, { ...widget, layout }] };
    });
    setComposing(null);
  };
  const moveAll = (layouts: Record<string, WidgetLayout>) =>
    edit((input) => ({
      ...input,
      widgets: input.widgets.map((w) => ({ ...w, layout: layouts[w.id] ?? w.layout })),
    }));
  const save = async () => {
    setSaving({ state: 'saving' });
    try {
      await saveDashboard(dashboard.id, history.present, dashboard.version);
      setSaving({ state: 'idle' });
      setEditing(false);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) setSaving({ state: 'conflict' });
      else
        setSaving({
          state: 'failed',
          message: error instanceof Error ? error.message : String(error),
        });
    }
  };
  const leave = () => {
    setHistory(startHistory(saved));
    setComposing(null);
    setEditing(false);
  };

  return (
    <div className="page dashboard-page" data-page="dashboard" data-dashboard={dashboard.id}>
      <div className="page-title">
        {editing ? (
          <label className="dashboard-title-field">
            <span className="sr-only">Title</span>
            <input
              name="dashboard-title"
              value={draft.title}
              maxLength={200}
              onChange={(event) =>
                edit((input) => ({ ...input, title: event.target.value }), 'title')
              }
            />
          </label>
        ) : (
          <h1>{draft.title}</h1>
        )}
        <div className="page-actions">
          <Link className="button" href={href('/dashboards')}>
            All dashboards
          </Link>
          <button
            type="button"
            className="button"
            data-action="export"
            onClick={() => void exportDashboard(dashboard.id)}
          >
            Export JSON
          </button>
          {admin && !editing && (
            <button
              type="button"
              className="button primary"
              data-action="edit"
              onClick={() => setEditing(true)}
            >
              Edit
            </button>
          )}
        </div>
      </div>
      {editing ? (
        <label className="dashboard-description-field">
          <span>Description</span>
          <input
            name="dashboard-description"
            value={draft.description}
            maxLength={1000}
            placeholder="What this dashboard is for"
            onChange={(event) =>
              edit((input) => ({ ...input, description: event.target.value }), 'description')
            }
          />
        </label>
      ) : (
        draft.description && <p className="muted">{draft.description}</p>
      )}
      {editing && (
        <div className="edit-bar" role="toolbar" aria-label="Edit the dashboard">
          <button
            type="button"
            className="button"
            data-action="add-widget"
            disabled={composing !== null || draft.widgets.length >= GRID.maxWidgets}
            onClick={() =>
              setComposing({
                widget: {
                  ...NEW_WIDGET,
                  id: newWidgetId(draft.widgets.map((w) => w.id)),
                  layout: { x: 0, y: 0, w: 3, h: 4 },
                },
                isNew: true,
              })
            }
          >
            Add widget
          </button>
          <button
            type="button"
            className="button"
            data-action="undo"
            disabled={!canUndo(history)}
            onClick={() => setHistory(undo)}
            title="Ctrl-Z"
          >
            Undo
          </button>
          <button
            type="button"
            className="button"
            data-action="redo"
            disabled={!canRedo(history)}
            onClick={() => setHistory(redo)}
            title="Ctrl-Shift-Z"
          >
            Redo
          </button>
          <button
            type="button"
            className="button"
            data-action="use-filters"
            title="Viewers start from the period and segment chosen in the filter bar now"
            onClick={() => edit((input) => ({ ...input, filters: dashboardFiltersOf(barFilters) }))}
          >
            Make these filters the default
          </button>
          <span className="edit-bar-end">
            <button
              type="button"
              className="button primary"
              data-action="save"
              disabled={!dirty || saving.state === 'saving'}
              onClick={() => void save()}
            >
              {saving.state === 'saving' ? 'Saving…' : 'Save'}
            </button>
            <button type="button" className="button" data-action="stop-editing" onClick={leave}>
              {dirty ? 'Discard changes' : 'Done'}
            </button>
          </span>
        </div>
      )}
      {saving.state === 'conflict' && (
        <div className="error-text conflict" role="alert" data-role="conflict">
          Someone else saved this dashboard since you opened it. Reload it to see their version
          (your changes here will be lost), or copy your work first.
          <button type="button" className="button" data-action="reload" onClick={onReload}>
            Reload
          </button>
        </div>
      )}
      {saving.state === 'failed' && (
        <p className="error-text" role="alert">
          Not saved: {saving.message}
        </p>
      )}
      {composing && (
        <Composer
          key={composing.widget.id}
          start={composing.widget}
          isNew={composing.isNew}
          filters={filters}
          context={format}
          onPlace={(widget) => place(widget, composing.isNew)}
          onCancel={() => setComposing(null)}
        />
      )}
      {draft.widgets.length === 0 ? (
        <p className="muted empty-dashboard">
          {editing ? 'No widget yet: add one.' : 'This dashboard has no widget yet.'}
        </p>
      ) : (
        <DashboardGrid
          widgets={draft.widgets}
          editing={editing}
          onLayout={moveAll}
          render={(widget, height) => (
            <WidgetCard
              widget={widget}
              filters={filters}
              context={format}
              height={height}
              actions={
                editing && (
                  <>
                    <button
                      type="button"
                      className="button small"
                      data-action="edit-widget"
                      disabled={composing !== null}
                      onClick={() => setComposing({ widget, isNew: false })}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button small"
                      data-action="remove-widget"
                      onClick={() =>
                        edit((input) => ({
                          ...input,
                          widgets: input.widgets.filter((w) => w.id !== widget.id),
                        }))
                      }
                    >
                      Remove
                    </button>
                  </>
                )
              }
            />
          )}
        />
      )}
    </div>
  );
}
