import { useCustomerSearch, useTopCustomers } from '../../api/hooks';
import { useDashboard } from '../../app/dashboard-context';
import { navigate, useLocation } from '../../app/navigation';
import { CustomerListCard } from '../../widgets/customer-table/CustomerListCard';
import { CustomerSearchForm } from './CustomerSearchForm';
import {
  isEmptySearch,
  parseSearch,
  searchAddress,
  searchQuery,
  type CustomerSearch,
} from './customer-search';

const PAGE_SIZE = 25;

/** Find customers by id or attribute; with no search, the most valuable ones by predicted CLV. */
export default function CustomersPage() {
  const { status, format, href } = useDashboard();
  const { path, search } = useLocation();
  const current = parseSearch(search);
  const searching = !isEmptySearch(current);
  const results = useCustomerSearch(searchQuery(current, PAGE_SIZE), searching);
  // Asked for only without a search (the hook is always called: rules of hooks).
  const top = useTopCustomers(
    { by: 'predicted', limit: PAGE_SIZE, offset: current.offset },
    !searching,
  );
  const go = (next: CustomerSearch) => navigate(searchAddress(path, search, next));
  const attributes = status.segmentations
    .filter((s) => s.startsWith('attribute:'))
    .map((s) => s.slice('attribute:'.length));
  const describe = [
    current.q && `id contains “${current.q}”`,
    searching && current.attribute && current.value && `${current.attribute} is “${current.value}”`,
  ]
    .filter(Boolean)
    .join(' and ');
  return (
    <div className="page" data-page="customers">
      <h1>Customers</h1>
      <CustomerSearchForm
        key={`${current.q}\u0000${current.attribute}\u0000${current.value}`}
        search={current}
        attributes={attributes}
        onSearch={go}
      />
      <CustomerListCard
        id="customer-results"
        title={searching ? 'Search results' : 'Top customers by predicted CLV'}
        subtitle={searching ? `Customers whose ${describe}.` : 'Search above to find others.'}
        state={searching ? results : top}
        context={format}
        profileHref={(id) => href(`/customers/${encodeURIComponent(id)}`)}
        empty={searching ? 'No customer matches this search.' : 'No customers yet.'}
        onOffset={(offset) => go({ ...current, offset })}
        wide
      />
    </div>
  );
}
