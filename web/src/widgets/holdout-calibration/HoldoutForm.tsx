import { useState, type FormEvent } from 'react';
import { runHoldout } from '../../api/actions';
import { isDay } from '../../app/dates';

/** An admin's form to run a holdout check from a day on; every answer reloads once it is stored. */
export function HoldoutForm({ defaultDate, maxDate }: { defaultDate: string; maxDate?: string }) {
  const [date, setDate] = useState(defaultDate);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isDay(date)) return setError('Enter a day as YYYY-MM-DD.');
    setRunning(true);
    setError(null);
    try {
      await runHoldout(date);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setRunning(false);
    }
  };
  return (
    <form className="inline-form holdout-form" onSubmit={(event) => void submit(event)}>
      <label>
        <span>Holdout from</span>
        <input
          type="date"
          name="holdoutFrom"
          value={date}
          max={maxDate}
          required
          onChange={(event) => setDate(event.target.value)}
        />
      </label>
      <button type="submit" className="button primary" data-action="run-holdout" disabled={running}>
        {running ? 'Running…' : 'Run holdout check'}
      </button>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
