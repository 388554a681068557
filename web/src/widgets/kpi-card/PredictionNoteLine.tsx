import type { PredictionNote } from './prediction-note';

/** A KPI's note on the predictions it rests on; the server's reason opens on request. */
export function PredictionNoteLine({ note }: { note: PredictionNote }) {
  return (
    <div className="kpi-note" data-role="prediction-note" data-status={note.status}>
      <span data-role="note-text">{note.text}</span>
      {note.reason && (
        <details>
          <summary>Why</summary>
          <span data-role="note-reason">{note.reason}</span>
        </details>
      )}
    </div>
  );
}
