import { useState, type ReactNode } from 'react';
import type { CustomerSummary, Page } from '../../api/types';
import type { ApiState } from '../../api/use-api';
import type { FormatContext } from '../../format/format';
import { sentence } from '../../format/sentence';
import { widgetState } from '../state-view/StateView';
import { customerTable } from './customer-rows';
import { CustomerTable } from './CustomerTable';
import { Pager } from './Pager';
import { TableCard } from '../table-card/TableCard';

/** A page of a list; lists ranked on predictions add why they are empty when a model failed. */
type CustomerPage = Page<CustomerSummary> & { note?: string | null };

/**
 * A page of customers in a card: the table with profile links, its CSV, and paging if asked.
 * An empty list ranked on predictions shows the server's note on why (a model failed).
 */
export function CustomerListCard({
  id,
  title,
  subtitle,
  state,
  context,
  profileHref,
  empty = 'No customers.',
  onOffset,
  wide,
  actions,
}: {
  id: string;
  title: string;
  subtitle?: ReactNode;
  state: ApiState<CustomerPage> & { reload?(): void };
  context: FormatContext;
  profileHref(customerId: string): string;
  empty?: ReactNode;
  /** Given, the card pages through the list with Previous and Next. */
  onOffset?(offset: number): void;
  wide?: boolean;
  actions?: ReactNode;
}) {
  // The last page stays on screen while the next loads, so the pager keeps its place.
  const [kept, setKept] = useState<CustomerPage | null>(null);
  if (state.status === 'ready' && state.data !== kept) setKept(state.data);
  const page = state.status === 'ready' ? state.data : state.status === 'loading' ? kept : null;
  return (
    <TableCard
      id={id}
      title={title}
      subtitle={subtitle}
      state={widgetState<CustomerPage>(state, (data) => data.items.length === 0)}
      error={state.error}
      onRetry={state.reload}
      empty={
        page?.note ? (
          <p data-role="list-note">No customers to list: {sentence(page.note)}</p>
        ) : (
          empty
        )
      }
      csv={page ? customerTable(page.items) : null}
      wide={wide}
      keepWhileLoading={!!onOffset}
      actions={actions}
      footer={
        onOffset &&
        page &&
        page.total > 0 && (
          <Pager
            page={page}
            shown={page.items.length}
            label={title}
            locale={context.locale}
            onOffset={onOffset}
          />
        )
      }
    >
      {page && (
        <CustomerTable
          items={page.items}
          context={context}
          profileHref={profileHref}
          caption={title}
          compact={!wide}
        />
      )}
    </TableCard>
  );
}
