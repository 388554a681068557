import { useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { createDashboard } from '../../api/dashboard-actions';
import { readDashboardFile, serverProblems } from '../../dashboards/import-dashboard';

/** Imports a dashboard from a JSON file (an export), listing what is wrong with a bad one. */
export function ImportButton({ onImported }: { onImported(id: string): void }) {
  const input = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const read = async (file: File) => {
    setProblems([]);
    const result = readDashboardFile(await file.text());
    if (!result.ok) return setProblems(result.errors);
    setBusy(true);
    try {
      onImported((await createDashboard(result.input)).id);
    } catch (error) {
      const details = error instanceof ApiError ? serverProblems(error.details) : [];
      setProblems(
        details.length > 0 ? details : [error instanceof Error ? error.message : String(error)],
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <label className="button file-button" data-action="import">
        {busy ? 'Importing…' : 'Import JSON'}
        <input
          ref={input}
          type="file"
          name="import"
          accept="application/json,.json"
          className="sr-only"
          disabled={busy}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void read(file);
          }}
        />
      </label>
      {problems.length > 0 && (
        <div className="import-problems" role="alert" data-role="import-problems">
          <strong>The file cannot be imported:</strong>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
