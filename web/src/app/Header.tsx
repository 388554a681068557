import { useEffect, useState } from 'react';
import { refreshNow } from '../api/actions';
import type { Status } from '../api/types';
import { Link } from './Link';
import { PAGES } from './pages';
import { useDashboard } from './dashboard-context';

function refreshedAt(status: Status): string {
  if (!status.lastRefresh) return 'Not refreshed yet';
  const at = new Date(status.lastRefresh.startedAt);
  return `Refreshed ${new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(at)}`;
}

/** The product's name, the pages, the time of the last refresh and, for admins, refresh now. */
export function Header({ currentPath }: { currentPath: string }) {
  const { status, href } = useDashboard();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // On narrow screens the pages fold behind a button; choosing one folds them again.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [currentPath]);
  const refresh = async () => {
    setBusy(true);
    setError(null);
    try {
      await refreshNow();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <header className={`app-header${menuOpen ? ' menu-open' : ''}`}>
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ◆
        </span>
        CLV dashboard
      </div>
      <button
        type="button"
        className="button menu-toggle"
        aria-expanded={menuOpen}
        aria-controls="page-menu"
        onClick={() => setMenuOpen(!menuOpen)}
      >
        {menuOpen ? 'Close menu' : 'Menu'}
      </button>
      <nav aria-label="Pages" id="page-menu">
        <ul>
          {PAGES.map((page) => {
            const current = currentPath === page.path || currentPath.startsWith(`${page.path}/`);
            return (
              <li key={page.path}>
                <Link href={href(page.path)} aria-current={current ? 'page' : undefined}>
                  {page.title}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="refresh-info">
        <span data-role="last-refresh" title={status.lastRefresh?.startedAt ?? ''}>
          {status.refreshing || busy ? 'Refreshing…' : refreshedAt(status)}
        </span>
        {status.eventsSinceRefresh > 0 && (
          <span className="pending" title="Events stored since the last refresh">
            {status.eventsSinceRefresh.toLocaleString()} new events
          </span>
        )}
        {status.role === 'admin' && (
          <button
            type="button"
            className="button"
            data-action="refresh"
            disabled={busy || status.refreshing}
            onClick={() => void refresh()}
          >
            Refresh now
          </button>
        )}
        {error && (
          <span className="error-text" role="alert">
            {error}
          </span>
        )}
      </div>
    </header>
  );
}
