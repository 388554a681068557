import { useState } from 'react';
import { downloadMembersCsv } from '../../api/audience-actions';
import { useAudienceMembers } from '../../api/audience-hooks';
import { useDashboard } from '../../app/dashboard-context';
import { Link } from '../../app/Link';
import type { TableData } from '../../format/csv';
import { Pager } from '../../widgets/customer-table/Pager';
import { DataTable } from '../../widgets/data-table/DataTable';
import { widgetState } from '../../widgets/state-view/StateView';
import { TableCard } from '../../widgets/table-card/TableCard';

const PAGE = 50;

/** The audience's current members, a page at a time; the CSV holds all of them (server-made). */
export function MembersCard({ audienceId }: { audienceId: string }) {
  const { format, href } = useDashboard();
  const [offset, setOffset] = useState(0);
  const members = useAudienceMembers(audienceId, { limit: PAGE, offset });
  const table: TableData | null =
    members.status === 'ready'
      ? {
          columns: [
            { key: 'customerId', label: 'Customer', format: 'text' },
            { key: 'enteredAt', label: 'Member since', format: 'text' },
            { key: 'revenue', label: 'Revenue', format: 'money' },
            { key: 'predictedClv', label: 'Predicted CLV', format: 'money' },
            { key: 'pAlive', label: 'P(alive)', format: 'percent' },
            { key: 'emailSubscribed', label: 'Email consent', format: 'text' },
          ],
          rows: members.data.members.map((m) => ({
            ...m,
            enteredAt: m.enteredAt.slice(0, 10),
            emailSubscribed: m.emailSubscribed ? 'yes' : 'no',
          })),
        }
      : null;
  return (
    <TableCard
      id="audience-members"
      title="Members"
      subtitle={
        members.status === 'ready' ? `${members.data.total.toLocaleString()} in all` : undefined
      }
      state={widgetState(members, (data) => data.total === 0)}
      error={members.error}
      onRetry={members.reload}
      empty="No members now."
      csv={table}
      saveCsv={() => downloadMembersCsv(audienceId)}
      keepWhileLoading
      wide
      footer={
        members.status === 'ready' && (
          <Pager
            page={{ offset, limit: PAGE, total: members.data.total }}
            shown={members.data.members.length}
            label="Members"
            locale={format.locale}
            onOffset={setOffset}
          />
        )
      }
    >
      {table && (
        <DataTable
          table={table}
          context={format}
          caption="Members"
          renderCell={(column, row) =>
            column.key === 'customerId' ? (
              <Link href={href(`/customers/${encodeURIComponent(String(row.customerId))}`)}>
                {row.customerId}
              </Link>
            ) : undefined
          }
        />
      )}
    </TableCard>
  );
}
