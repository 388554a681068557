import { useState } from 'react';
import { apiUrl, request, storeKey } from '../api/client';
import type { Status } from '../api/types';

/** Asks for an API key when the server wants one; the key is kept for this tab only. */
export function SignIn({ onSignedIn, message }: { onSignedIn(): void; message?: string }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await request<Status>(apiUrl('/status'), { key: key.trim() });
      storeKey(key.trim());
      onSignedIn();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="sign-in">
      <form
        data-testid="sign-in"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h1>Sign in</h1>
        <p>{message ?? 'This server needs an API key with the read or admin role.'}</p>
        <label>
          <span>API key</span>
          <input
            name="key"
            type="password"
            autoComplete="off"
            required
            autoFocus
            value={key}
            onChange={(event) => setKey(event.target.value)}
          />
        </label>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button primary" disabled={busy || !key.trim()}>
          Sign in
        </button>
        <p className="hint">
          An admin creates keys with <code>clv key create --role read</code>.
        </p>
      </form>
    </main>
  );
}
