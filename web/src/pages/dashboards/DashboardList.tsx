import { useState } from 'react';
import { ApiError } from '../../api/client';
import {
  createDashboard,
  deleteDashboard,
  duplicateDashboard,
  exportDashboard,
} from '../../api/dashboard-actions';
import { useDashboards } from '../../api/dashboard-hooks';
import { useDashboard } from '../../app/dashboard-context';
import { Link } from '../../app/Link';
import { navigate } from '../../app/navigation';
import type { DashboardSummary } from '../../dashboards/dashboard-types';
import type { TableData } from '../../format/csv';
import { DataTable } from '../../widgets/data-table/DataTable';
import { widgetState } from '../../widgets/state-view/StateView';
import { TableCard } from '../../widgets/table-card/TableCard';
import { ImportButton } from './ImportButton';
import { TemplateChoices } from './TemplateChoices';

const BLANK = {
  schemaVersion: 1 as const,
  title: 'New dashboard',
  description: '',
  filters: { from: null, to: null, segment: null },
  widgets: [],
};

function listTable(dashboards: readonly DashboardSummary[]): TableData {
  return {
    columns: [
      { key: 'title', label: 'Title', format: 'text' },
      { key: 'widgets', label: 'Widgets', format: 'count' },
      { key: 'owner', label: 'Owner', format: 'text' },
      { key: 'updatedAt', label: 'Updated', format: 'text' },
      { key: 'id', label: 'Id', format: 'text' },
    ],
    rows: dashboards.map((d) => ({
      id: d.id,
      title: d.title,
      widgets: d.widgets,
      owner: d.owner,
      updatedAt: d.updatedAt,
    })),
  };
}

const when = (instant: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(instant),
  );

/** Every dashboard; for admins, new ones (blank, from a template, imported) and their upkeep. */
export function DashboardList() {
  const { format, href, status } = useDashboard();
  const admin = status.role === 'admin';
  const dashboards = useDashboards();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const table = dashboards.status === 'ready' ? listTable(dashboards.data.dashboards) : null;
  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure(
        error instanceof ApiError || error instanceof Error ? error.message : String(error),
      );
    } finally {
      setBusy(false);
    }
  };
  const open = (id: string) => navigate(href(`/dashboards/${encodeURIComponent(id)}`));
  return (
    <div className="page" data-page="dashboards">
      <div className="page-title">
        <h1>Dashboards</h1>
        {admin && (
          <div className="page-actions">
            <ImportButton onImported={(id) => open(id)} />
            <button
              type="button"
              className="button primary"
              data-action="new-dashboard"
              disabled={busy}
              onClick={() => void act(async () => open((await createDashboard(BLANK)).id))}
            >
              New dashboard
            </button>
          </div>
        )}
      </div>
      {failure && (
        <p className="error-text" role="alert">
          {failure}
        </p>
      )}
      {admin && (
        <TemplateChoices
          disabled={busy}
          onChoose={(key) =>
            void act(async () => open((await createDashboard({ template: key })).id))
          }
        />
      )}
      <div className="grid">
        <TableCard
          id="dashboard-list"
          title="Dashboards"
          subtitle="Newest change first. Each opens with its own filters; the address shares the view."
          state={widgetState(dashboards, (data) => data.dashboards.length === 0)}
          error={dashboards.error}
          onRetry={dashboards.reload}
          empty={
            admin
              ? 'No dashboard yet: start a new one, from a template above, or import a file.'
              : 'No dashboard yet. An admin can make one.'
          }
          csv={table}
          wide
        >
          {table && (
            <DataTable
              table={table}
              context={format}
              caption="Dashboards"
              renderCell={(column, row) => {
                const id = String(row.id);
                if (column.key === 'title') {
                  return (
                    <Link href={href(`/dashboards/${encodeURIComponent(id)}`)} data-dashboard={id}>
                      {row.title}
                    </Link>
                  );
                }
                if (column.key === 'updatedAt') return when(String(row.updatedAt));
                if (column.key !== 'id') return undefined;
                // The id's cell holds the row's actions on screen; the CSV keeps the id.
                return (
                  <span className="row-actions" data-actions={id}>
                    <button
                      type="button"
                      className="button small"
                      data-action="export"
                      onClick={() => void act(() => exportDashboard(id))}
                    >
                      Export
                    </button>
                    {admin && (
                      <button
                        type="button"
                        className="button small"
                        data-action="duplicate"
                        disabled={busy}
                        onClick={() => void act(async () => void (await duplicateDashboard(id)))}
                      >
                        Duplicate
                      </button>
                    )}
                    {admin &&
                      (confirming === id ? (
                        <span role="group" aria-label={`Delete ${String(row.title)}?`}>
                          <button
                            type="button"
                            className="button small danger"
                            data-action="confirm-delete"
                            disabled={busy}
                            onClick={() =>
                              void act(async () => {
                                await deleteDashboard(id);
                                setConfirming(null);
                              })
                            }
                          >
                            Delete “{row.title}”
                          </button>
                          <button
                            type="button"
                            className="button small"
                            data-action="cancel-delete"
                            onClick={() => setConfirming(null)}
                          >
                            Keep
                          </button>
                        </span>
                      ) : (
                        <button
                          type="button"
                          className="button small"
                          data-action="delete"
                          onClick={() => setConfirming(id)}
                        >
                          Delete
                        </button>
                      ))}
                  </span>
                );
              }}
            />
          )}
        </TableCard>
      </div>
    </div>
  );
}
