import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useCustomer, useModel } from '../../api/hooks';
import type { CustomerProfile } from '../../api/types';
import { useDashboard } from '../../app/dashboard-context';
import { Link } from '../../app/Link';
import { CustomerTimelineCard } from '../../widgets/customer-timeline/CustomerTimelineCard';
import { PredictionCard } from '../../widgets/customer-profile/PredictionCard';
import {
  AttributesCard,
  ConsentsCard,
  HistoricCard,
} from '../../widgets/customer-profile/ProfileCards';
import { StateView } from '../../widgets/state-view/StateView';

const EVENTS_PER_PAGE = 25;

/** One customer: attributes, consents, history, prediction and the event timeline. */
export default function CustomerProfilePage({ customerId }: { customerId: string }) {
  const { format, href } = useDashboard();
  const [eventsOffset, setEventsOffset] = useState(0);
  const state = useCustomer(customerId, { eventsLimit: EVENTS_PER_PAGE, eventsOffset });
  const model = useModel();
  // The profile stays on screen while another page of the timeline loads.
  const [kept, setKept] = useState<CustomerProfile | null>(null);
  if (state.status === 'ready' && state.data !== kept) setKept(state.data);
  const profile = state.status === 'ready' ? state.data : state.status === 'loading' ? kept : null;
  const back = (
    <Link href={href('/customers')} data-action="back-to-search">
      ← Back to customer search
    </Link>
  );
  const missing =
    state.status === 'error' && state.error instanceof ApiError && state.error.status === 404;
  return (
    <div className="page" data-page="customer" data-customer-id={customerId}>
      <div className="page-title">
        <h1>Customer {customerId}</h1>
        {back}
      </div>
      {missing ? (
        <section className="card" data-widget="customer-profile" data-state="empty">
          <StateView
            state="empty"
            empty={
              <>
                <p>No customer with id “{customerId}”.</p>
                {back}
              </>
            }
          />
        </section>
      ) : !profile ? (
        <StateView
          state={state.status === 'error' ? 'error' : 'loading'}
          error={state.error}
          onRetry={state.reload}
        />
      ) : (
        <div className="grid" data-widget="customer-profile" data-state="ready">
          <HistoricCard profile={profile} context={format} />
          <PredictionCard
            profile={profile}
            context={format}
            horizonMonths={model.data?.horizonMonths}
          />
          <AttributesCard profile={profile} />
          <ConsentsCard profile={profile} context={format} />
          <CustomerTimelineCard
            customerId={customerId}
            timeline={profile.timeline}
            state={state.status === 'ready' ? 'ready' : state.status}
            error={state.error}
            context={format}
            onOffset={setEventsOffset}
          />
        </div>
      )}
    </div>
  );
}
