import { useState } from 'react';
import { deleteQuery } from '../../api/query-actions';
import { useSavedQueries } from '../../api/query-hooks';
import type { SavedQuery } from '../../api/query-types';
import { StateView, widgetState } from '../../widgets/state-view/StateView';

/** The saved queries, newest first: open one in the editor; admins may delete one. */
export function SavedQueryList({
  admin,
  openId,
  onOpen,
  onDeleted,
}: {
  admin: boolean;
  /** The saved query in the editor, if any. */
  openId: string | null;
  onOpen(query: SavedQuery): void;
  onDeleted(id: string): void;
}) {
  const saved = useSavedQueries();
  const state = widgetState(saved, (data) => data.queries.length === 0);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const remove = async (id: string) => {
    setFailed(null);
    try {
      await deleteQuery(id);
      setConfirming(null);
      onDeleted(id);
    } catch (error) {
      setFailed(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <section
      className="card saved-queries"
      data-widget="query-saved"
      data-state={state}
      aria-labelledby="query-saved-title"
    >
      <h2 id="query-saved-title">Saved queries</h2>
      {failed && (
        <p className="error-text" role="alert">
          Could not delete: {failed}
        </p>
      )}
      {state !== 'ready' || saved.status !== 'ready' ? (
        <StateView
          state={state === 'ready' ? 'loading' : state}
          error={saved.error}
          onRetry={saved.reload}
          height={60}
          empty={admin ? 'None yet: write a query and save it.' : 'None yet.'}
        />
      ) : (
        <ul className="saved-query-list">
          {saved.data.queries.map((query) => (
            <li
              key={query.id}
              data-query-id={query.id}
              aria-current={query.id === openId || undefined}
            >
              <button
                type="button"
                className="link-button"
                data-action="open-query"
                onClick={() => onOpen(query)}
              >
                {query.name}
              </button>
              {query.description && <p className="muted">{query.description}</p>}
              {query.parameters.length > 0 && (
                <p className="muted">
                  Parameters: {query.parameters.map((p) => `${p.name} (${p.type})`).join(', ')}
                </p>
              )}
              {query.dataset && (
                <p className="muted" data-role="dataset">
                  Kept as the table <code>dataset_{query.dataset}</code> after every refresh.
                </p>
              )}
              {admin &&
                (confirming === query.id ? (
                  <span className="confirm-delete">
                    Delete “{query.name}”?{' '}
                    <button
                      type="button"
                      className="button small"
                      data-action="confirm-delete"
                      onClick={() => void remove(query.id)}
                    >
                      Delete
                    </button>{' '}
                    <button
                      type="button"
                      className="button small"
                      onClick={() => setConfirming(null)}
                    >
                      Keep
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    className="link-button"
                    data-action="delete-query"
                    onClick={() => setConfirming(query.id)}
                  >
                    Delete
                  </button>
                ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
