import { allCustomerEvents } from '../../api/customer-events';
import type { Page, TimelineEvent } from '../../api/types';
import type { FormatContext } from '../../format/format';
import { formatValue } from '../../format/format';
import { Pager } from '../customer-table/Pager';
import { TableCard } from '../table-card/TableCard';
import type { WidgetState } from '../state-view/StateView';
import { eventDetails, formatInstant, timelineTable } from './timeline-rows';

/** The customer's events, newest first, a page at a time, with every field in the CSV. */
export function CustomerTimelineCard({
  customerId,
  timeline,
  state,
  error,
  context,
  onOffset,
}: {
  customerId: string;
  /** The page on screen: the one asked for, or the last one while it loads. */
  timeline: Page<TimelineEvent> | null;
  state: WidgetState;
  error?: Error | undefined;
  context: FormatContext;
  onOffset(offset: number): void;
}) {
  const shownState = state === 'ready' && timeline?.items.length === 0 ? 'empty' : state;
  return (
    <TableCard
      id="customer-timeline"
      title="Event timeline"
      subtitle="Newest first: orders, consents, campaigns and surveys. The CSV has every event."
      state={shownState}
      error={error}
      empty="No events for this customer."
      csv={timeline ? timelineTable(timeline.items) : null}
      download={async () => timelineTable(await allCustomerEvents(customerId))}
      keepWhileLoading
      wide
      footer={
        timeline &&
        timeline.total > 0 && (
          <Pager
            page={timeline}
            shown={timeline.items.length}
            label="Events"
            locale={context.locale}
            onOffset={onOffset}
          />
        )
      }
    >
      {timeline && (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="sr-only">Event timeline</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Type</th>
                <th scope="col">Details</th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {timeline.items.map((event) => (
                <tr key={event.eventId} data-event-id={event.eventId} data-type={event.type}>
                  <td>
                    <time dateTime={event.ts}>{formatInstant(event.ts, context.locale)}</time>
                  </td>
                  <td>{event.type}</td>
                  <td>{eventDetails(event, context)}</td>
                  <td className="num" data-value={event.amount ?? ''}>
                    {event.amount === null ? '' : formatValue(event.amount, 'money', context)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </TableCard>
  );
}
