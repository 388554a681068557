import { useActivations, useAudiences, useDestinations } from '../../api/audience-hooks';
import { useDashboard } from '../../app/dashboard-context';
import { Link } from '../../app/Link';
import { formatValue } from '../../format/format';
import { audienceTable } from '../../widgets/audience-table/audience-table';
import { DataTable } from '../../widgets/data-table/DataTable';
import { widgetState } from '../../widgets/state-view/StateView';
import { TableCard } from '../../widgets/table-card/TableCard';
import { TemplateCards } from './TemplateCards';
import './audiences.css';

/** Every audience with its size, change, CLV sums and destinations; new ones from templates. */
export function AudienceList() {
  const { format, href, status } = useDashboard();
  const audiences = useAudiences();
  const activations = useActivations();
  const destinations = useDestinations();
  const table =
    audiences.status === 'ready'
      ? audienceTable(
          audiences.data.audiences,
          activations.status === 'ready' ? activations.data.activations : [],
          destinations.status === 'ready' ? destinations.data.destinations : [],
        )
      : null;
  const state = widgetState(audiences, (data) => data.audiences.length === 0);
  return (
    <div className="page" data-page="audiences">
      <div className="page-title">
        <h1>Audiences</h1>
        <Link className="button primary" href={href('/audiences/new')} data-action="new-audience">
          New audience
        </Link>
      </div>
      <TemplateCards />
      <div className="grid">
        <TableCard
          id="audience-list"
          title="Audiences"
          subtitle="Entered and exited count the changes since the previous refresh."
          state={state}
          error={audiences.error}
          onRetry={audiences.reload}
          empty={
            status.role === 'admin'
              ? 'No audience yet: start from a template above or build a new one.'
              : 'No audience yet.'
          }
          csv={table}
          wide
        >
          {table && (
            <DataTable
              table={table}
              context={format}
              caption="Audiences"
              renderCell={(column, row) => {
                const id = String(row.id);
                if (column.key === 'name') {
                  return (
                    <Link href={href(`/audiences/${encodeURIComponent(id)}`)} data-audience={id}>
                      {row.name}
                    </Link>
                  );
                }
                if (column.key === 'destinations') {
                  const syncs = table.syncs.get(id) ?? [];
                  if (syncs.length === 0) return <span className="muted">none</span>;
                  return (
                    <ul className="sync-list">
                      {syncs.map((s) => (
                        <li key={s.activationId} data-sync={s.state}>
                          {s.text}
                        </li>
                      ))}
                    </ul>
                  );
                }
                const value = row[column.key];
                if (value === null && column.format !== 'text') {
                  const reason = table.reasons.get(id) ?? '';
                  return (
                    <span className="missing" data-reason={reason} title={reason}>
                      {formatValue(null, column.format, format)}
                    </span>
                  );
                }
                return undefined;
              }}
            />
          )}
        </TableCard>
      </div>
    </div>
  );
}
