import { useState, type FormEvent } from 'react';
import { saveQuery } from '../../api/query-actions';
import type { SavedQuery } from '../../api/query-types';

/** Admins: save the editor's SQL as a new query, or as a new version of the one open. */
export function SaveQueryForm({
  sql,
  open,
  onSaved,
  onError,
}: {
  sql: string;
  /** The saved query in the editor, which "Save changes" updates. */
  open: SavedQuery | null;
  onSaved(query: SavedQuery): void;
  /** A refused save (an SQL error has its line and column for the editor). */
  onError(error: Error): void;
}) {
  const [name, setName] = useState(open?.name ?? '');
  const [description, setDescription] = useState(open?.description ?? '');
  // Another saved query opened: its name and description fill the form.
  const [forId, setForId] = useState(open?.id ?? null);
  if ((open?.id ?? null) !== forId) {
    setForId(open?.id ?? null);
    setName(open?.name ?? '');
    setDescription(open?.description ?? '');
  }
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const save = async (id?: string) => {
    setBusy(true);
    setMessage(null);
    try {
      const saved = await saveQuery({ name: name.trim(), description, sql }, id);
      setMessage({ error: false, text: `Saved “${saved.name}” (version ${saved.version}).` });
      onSaved(saved);
    } catch (failure) {
      const error = failure instanceof Error ? failure : new Error(String(failure));
      setMessage({ error: true, text: error.message });
      onError(error);
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };
  const ready = !busy && name.trim() !== '' && sql.trim() !== '';
  return (
    <form className="save-query inline-form" onSubmit={submit} data-role="save-query">
      <label>
        Name
        <input
          name="query-name"
          value={name}
          maxLength={100}
          required
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <label className="grow">
        Description
        <input
          name="query-description"
          value={description}
          maxLength={1000}
          onChange={(event) => setDescription(event.target.value)}
        />
      </label>
      <button type="submit" className="button" data-action="save-query" disabled={!ready}>
        Save as new query
      </button>
      {open && (
        <button
          type="button"
          className="button"
          data-action="update-query"
          disabled={!ready}
          onClick={() => void save(open.id)}
        >
          Save changes to “{open.name}”
        </button>
      )}
      {message && (
        <p
          className={message.error ? 'error-text' : 'muted'}
          role={message.error ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
    </form>
  );
}
