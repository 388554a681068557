import { useEffect, useState, type FormEvent } from 'react';
import { runHoldout } from '../../api/actions';
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
  const elapsed = useElapsedSeconds(startedAt);
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
  const running = startedAt !== null;
  return (
    <form
      className="inline-form holdout-form"
      aria-label="Run a holdout check"
      aria-busy={running}
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
          disabled={running}
          onChange={(event) => setDate(event.target.value)}
        />
      </label>
      <button type="submit" className="button primary" data-action="run-holdout" disabled={running}>
        {running ? 'Running…' : again ? 'Run a new holdout check' : 'Run holdout check'}
      </button>
      <p className="hint" role="status" data-role="holdout-progress">
        {running
          ? `Fitting the purchase model on the orders before ${date} and comparing it with what followed: ${elapsed} s so far. The charts update when it is stored.`
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
