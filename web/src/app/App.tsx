import { Suspense, useEffect, useState } from 'react';
import { ApiError, onUnauthorized, storeKey } from '../api/client';
import { useStatus } from '../api/hooks';
import { invalidateApi } from '../api/use-api';
import { StateView } from '../widgets/state-view/StateView';
import { DashboardProvider } from './dashboard-context';
import { documentTitle, useDocumentTitle } from './document-title';
import { FilterBar } from './FilterBar';
import { Header } from './Header';
import { navigate, useLocation } from './navigation';
import { RefreshFailedBanner } from './RefreshFailedBanner';
import { CUSTOMER_PROFILE, pageFor } from './pages';
import { SignIn } from './SignIn';
import { useFreshData } from './use-fresh-data';

/** The shell: sign-in when needed, then the header, the filters and the current page. */
export function App() {
  const status = useStatus();
  const { path, search } = useLocation();
  const [needsKey, setNeedsKey] = useState(false);
  const { page, customerId } = pageFor(path);
  useDocumentTitle(documentTitle(page, customerId));
  useFreshData(
    status.status === 'ready' ? (status.data.lastRefresh?.refreshId ?? null) : undefined,
  );

  useEffect(() => onUnauthorized(() => setNeedsKey(true)), []);
  useEffect(() => {
    if (path === '/')
      navigate(`/overview${search.size ? `?${search.toString()}` : ''}`, { replace: true });
  }, [path, search]);

  const unauthorized =
    status.status === 'error' && status.error instanceof ApiError && status.error.status === 401;
  if (needsKey || unauthorized) {
    return (
      <SignIn
        onSignedIn={() => {
          setNeedsKey(false);
          invalidateApi();
        }}
      />
    );
  }
  if (status.status !== 'ready') {
    return (
      <main className="boot">
        <StateView state={status.status} error={status.error} onRetry={status.reload} />
      </main>
    );
  }
  if (status.data.role === 'ingest') {
    return (
      <SignIn
        message="This key may only send events. Sign in with a read or admin key."
        onSignedIn={() => invalidateApi()}
      />
    );
  }
  return (
    <DashboardProvider status={status.data}>
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <Header currentPath={path} />
      <RefreshFailedBanner />
      {page &&
        !customerId &&
        (page.filters.range || page.filters.compare || page.filters.segment) && (
          <FilterBar page={page} />
        )}
      <main id="content" tabIndex={-1}>
        <Suspense fallback={<StateView state="loading" />}>
          {!page ? (
            path === '/' ? null : (
              <NotFound />
            )
          ) : customerId ? (
            <CUSTOMER_PROFILE key={customerId} customerId={customerId} />
          ) : (
            <page.component />
          )}
        </Suspense>
      </main>
      {!status.data.open && (
        <footer className="app-footer">
          <button
            type="button"
            className="link-button"
            onClick={() => {
              storeKey(null);
              setNeedsKey(true);
            }}
          >
            Sign out
          </button>
        </footer>
      )}
    </DashboardProvider>
  );
}

function NotFound() {
  return (
    <div data-page="not-found" className="page">
      <h1>Page not found</h1>
      <p>There is no such page. Choose one above.</p>
    </div>
  );
}
