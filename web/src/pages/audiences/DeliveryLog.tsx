import { useDeliveries } from '../../api/audience-hooks';
import { useDashboard } from '../../app/dashboard-context';
import type { TableData } from '../../format/csv';
import { DataTable } from '../../widgets/data-table/DataTable';
import { StateView } from '../../widgets/state-view/StateView';

const time = (iso: string | null) => (iso ? `${iso.slice(0, 19).replace('T', ' ')} UTC` : null);

/** One activation's batches: kind, members, entries, exits, status, attempts and last error. */
export function DeliveryLog({ activationId }: { activationId: string }) {
  const { format } = useDashboard();
  const deliveries = useDeliveries(activationId);
  if (deliveries.status !== 'ready') {
    return deliveries.status === 'error' ? (
      <StateView state="error" error={deliveries.error} onRetry={deliveries.reload} />
    ) : (
      <StateView state="loading" height={60} />
    );
  }
  const table: TableData = {
    columns: [
      { key: 'createdAt', label: 'Made', format: 'text' },
      { key: 'kind', label: 'Kind', format: 'text' },
      { key: 'members', label: 'Members', format: 'count' },
      { key: 'entries', label: 'Entries', format: 'count' },
      { key: 'exits', label: 'Exits', format: 'count' },
      { key: 'status', label: 'Status', format: 'text' },
      { key: 'attempts', label: 'Attempts', format: 'count' },
      { key: 'deliveredAt', label: 'Delivered', format: 'text' },
      { key: 'lastError', label: 'Last error', format: 'text' },
    ],
    rows: deliveries.data.deliveries.map((d) => ({
      id: d.id,
      createdAt: time(d.createdAt),
      kind: d.kind,
      members: d.members,
      entries: d.entries,
      exits: d.exits,
      status: d.status,
      attempts: d.attempts,
      deliveredAt: time(d.deliveredAt),
      lastError: d.lastError,
    })),
  };
  return (
    <section className="delivery-log" data-widget="delivery-log" data-activation={activationId}>
      <h3>Delivery log</h3>
      {table.rows.length === 0 ? (
        <p className="muted">No batch yet.</p>
      ) : (
        <DataTable table={table} context={format} caption="Delivery log" />
      )}
    </section>
  );
}
