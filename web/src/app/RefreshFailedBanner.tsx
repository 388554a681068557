import { useDashboard } from './dashboard-context';

function when(startedAt: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(startedAt),
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A line under the header while the latest refresh failed: when, and what went wrong. */
export function RefreshFailedBanner() {
  const { status } = useDashboard();
  const failure = status.lastFailedRefresh;
  if (!failure) return null;
  return (
    <div className="refresh-failed" role="alert" data-role="refresh-failed">
      <strong>{when(failure.startedAt)}:</strong> {capitalised(failure.message)}
    </div>
  );
}
