import { useEffect, useRef, useState, type FormEvent } from 'react';
import { runHoldout } from '../../api/actions';
import { apiUrl } from '../../api/client';
import { invalidateUrl } from '../../api/use-api';
import { useDashboard } from '../../app/dashboard-context';
import { isDay } from '../../app/dates';

/** Seconds since a moment, ticking once a second while `since` is set. */
function useElapsedSeconds(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.max(0, Math.floor((now - since) / 1000));
}

const timeOf = (instant: string) =>
  new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(new Date(instant));

/** A check run elsewhere (another tab, an admin, a script), as the status polled says. */
function useRunElsewhere(): string | null {
  const since = useDashboard().status.holdoutRunningSince;
  // When it ends, its report is the latest: the holdout cards ask again.
  const seen = useRef(since);
  useEffect(() => {
    if (seen.current && !since) invalidateUrl(apiUrl('/model/holdout'));
    seen.current = since;
  }, [since]);
  return since;
}

/**
 * An admin's form to run a holdout check from a day on, first or again; every answer reloads
 * once it is stored. The server runs one check at a time and says so if another is running.
 */
export function HoldoutForm({
  defaultDate,
  maxDate,
  again = false,
}: {
  defaultDate: string;
  maxDate?: string;
  /** Whether a check is stored already (the button then says "again"). */
  again?: boolean;
}) {
  const [date, setDate] = useState(defaultDate);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const elsewhere = useRunElsewhere();
  const running = startedAt !== null;
  const elapsed = useElapsedSeconds(running ? startedAt : elsewhere ? Date.parse(elsewhere) : null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isDay(date)) return setError('Enter a day as YYYY-MM-DD.');
    setStartedAt(Date.now());
    setError(null);
    try {
      await runHoldout(date);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setStartedAt(null);
    }
  };
  // Another run shows as pending here too; the server would refuse a second one anyway.
  const busy = running || elsewhere !== null;
  return (
    <form
      className="inline-form holdout-form"
      aria-label="Run a holdout check"
      aria-busy={busy}
      onSubmit={(event) => void submit(event)}
    >
      <label>
        <span>Holdout from</span>
        <input
          type="date"
          name="holdoutFrom"
          value={date}
          max={maxDate}
          required
          disabled={busy}
          onChange={(event) => setDate(event.target.value)}
        />
      </label>
      <button type="submit" className="button primary" data-action="run-holdout" disabled={busy}>
        {busy ? 'Running…' : again ? 'Run a new holdout check' : 'Run holdout check'}
      </button>
      <p className="hint" role="status" data-role="holdout-progress">
        {running
          ? `Fitting the purchase model on the orders before ${date} and comparing it with what followed: ${elapsed} s so far. The charts update when it is stored.`
          : elsewhere
            ? `A holdout check started at ${timeOf(elsewhere)} elsewhere is running (${elapsed} s so far); the charts update when it is stored.`
            : ''}
      </p>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
