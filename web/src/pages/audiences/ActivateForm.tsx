import { useState, type FormEvent } from 'react';
import { activateAudience } from '../../api/audience-actions';
import type { Destination } from '../../api/audience-types';
import { NumberInput } from './builder/NumberInput';

/** The most an activation may hold back as a control group (the API's bound). */
const MAX_HOLDOUT_PERCENT = 50;

/** Starts sending the audience to a destination, with a share held back as a control group. */
export function ActivateForm({
  audienceId,
  destinations,
}: {
  audienceId: string;
  destinations: readonly Destination[];
}) {
  const usable = destinations.filter((d) => d.enabled);
  const [destinationId, setDestinationId] = useState('');
  const [holdoutPercent, setHoldoutPercent] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const chosen = destinationId || usable[0]?.id || '';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await activateAudience(audienceId, {
        destinationId: chosen,
        holdoutShare: holdoutPercent / 100,
      });
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  if (usable.length === 0) {
    return (
      <p className="muted" data-role="no-destination">
        No enabled destination: add one with <code>clv destination add</code> or POST
        /api/v1/destinations.
      </p>
    );
  }
  return (
    <form className="activate-form" onSubmit={(event) => void submit(event)} aria-label="Activate">
      <label>
        <span>Destination</span>
        <select
          name="destination"
          value={chosen}
          onChange={(event) => setDestinationId(event.target.value)}
        >
          {usable.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.kind})
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Holdout (% kept back as control)</span>
        <NumberInput
          name="holdout"
          min={0}
          max={MAX_HOLDOUT_PERCENT}
          value={holdoutPercent}
          onValue={(n) => setHoldoutPercent(Math.min(MAX_HOLDOUT_PERCENT, Math.max(0, n)))}
        />
      </label>
      <button type="submit" className="button primary" data-action="activate" disabled={busy}>
        {busy ? 'Activating…' : 'Activate'}
      </button>
      {failure && (
        <p className="error-text" role="alert" data-role="activate-error">
          {failure}
        </p>
      )}
    </form>
  );
}
