import { useState } from 'react';
import { syncActivation } from '../../api/audience-actions';
import { useActivations, useDestinations } from '../../api/audience-hooks';
import { useDashboard } from '../../app/dashboard-context';
import { syncState } from '../../widgets/audience-table/audience-table';
import { widgetState } from '../../widgets/state-view/StateView';
import { TableCard } from '../../widgets/table-card/TableCard';
import { ActivateForm } from './ActivateForm';
import { DeliveryLog } from './DeliveryLog';
import type { TableData } from '../../format/csv';
import { DataTable } from '../../widgets/data-table/DataTable';

/** The audience's activations with their sync state, "sync now", the delivery log, and activate. */
export function ActivationsCard({ audienceId }: { audienceId: string }) {
  const { format, status } = useDashboard();
  const activations = useActivations(audienceId);
  const destinations = useDestinations();
  const [shown, setShown] = useState<string | null>(null);
  const [syncing, setSyncing] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const admin = status.role === 'admin';
  const list = activations.status === 'ready' ? activations.data.activations : [];
  const known = destinations.status === 'ready' ? destinations.data.destinations : [];
  const table: TableData = {
    columns: [
      { key: 'destination', label: 'Destination', format: 'text' },
      { key: 'state', label: 'State', format: 'text' },
      { key: 'holdoutShare', label: 'Holdout', format: 'percent' },
      { key: 'controlMembers', label: 'Control members', format: 'count' },
      { key: 'delivered', label: 'Delivered batches', format: 'count' },
      { key: 'pending', label: 'Pending', format: 'count' },
      { key: 'dead', label: 'Failed', format: 'count' },
      { key: 'actions', label: '', format: 'text' },
    ],
    rows: list.map((a) => {
      const sync = syncState(a, known);
      return {
        id: a.id,
        destination: sync.destination,
        state: sync.text.slice(sync.destination.length + 2),
        holdoutShare: a.holdoutShare,
        controlMembers: a.controlMembers,
        delivered: a.delivered,
        pending: a.pending,
        dead: a.dead,
        actions: '',
      };
    }),
  };
  const sync = async (id: string) => {
    setSyncing(id);
    setFailure(null);
    try {
      await syncActivation(id);
      setShown(id);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setSyncing(null);
    }
  };
  return (
    <TableCard
      id="audience-activations"
      title="Destinations"
      subtitle="The first delivery sends every member, later ones only entries and exits."
      state={widgetState(activations, (data) => data.activations.length === 0)}
      error={activations.error}
      onRetry={activations.reload}
      empty="Not sent anywhere yet."
      csv={table}
      wide
      footer={
        <>
          {failure && (
            <p className="error-text" role="alert">
              {failure}
            </p>
          )}
          {shown && <DeliveryLog activationId={shown} />}
          {admin && <ActivateForm audienceId={audienceId} destinations={known} />}
        </>
      }
    >
      <DataTable
        table={table}
        context={format}
        caption="Destinations"
        renderCell={(column, row) => {
          if (column.key !== 'actions') return undefined;
          const id = String(row.id);
          return (
            <span className="node-actions">
              <button
                type="button"
                className="button small"
                data-action="show-deliveries"
                aria-pressed={shown === id}
                onClick={() => setShown(shown === id ? null : id)}
              >
                Delivery log
              </button>
              {admin && (
                <button
                  type="button"
                  className="button small"
                  data-action="sync-now"
                  disabled={syncing !== null}
                  onClick={() => void sync(id)}
                >
                  {syncing === id ? 'Sending…' : 'Sync now'}
                </button>
              )}
            </span>
          );
        }}
      />
    </TableCard>
  );
}
