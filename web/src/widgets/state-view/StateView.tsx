import type { ReactNode } from 'react';
import type { ApiState } from '../../api/use-api';
import { ApiError } from '../../api/client';

export type WidgetState = 'loading' | 'ready' | 'empty' | 'error';

/** The state a widget shows: the API's, or empty when the data holds nothing to draw. */
export function widgetState<T>(state: ApiState<T>, isEmpty: (data: T) => boolean): WidgetState {
  if (state.status !== 'ready') return state.status;
  return isEmpty(state.data) ? 'empty' : 'ready';
}

/** Loading, empty and error placeholders, the same on every widget. */
export function StateView({
  state,
  error,
  empty,
  onRetry,
  height = 160,
  errorTitle = 'Could not load this',
}: {
  state: Exclude<WidgetState, 'ready'>;
  error?: Error | undefined;
  empty?: ReactNode;
  onRetry?: (() => void) | undefined;
  height?: number;
  /** The error's heading, unless a refresh is needed (a widget that runs something, not loads). */
  errorTitle?: string | undefined;
}) {
  if (state === 'loading') {
    return (
      <div className="state state-loading" style={{ minHeight: height }} aria-busy="true">
        <span className="spinner" aria-hidden="true" />
        Loading…
      </div>
    );
  }
  if (state === 'empty') {
    return (
      <div className="state state-empty" style={{ minHeight: height }}>
        {empty ?? 'No data for this selection.'}
      </div>
    );
  }
  const needsRefresh = error instanceof ApiError && error.code === 'conflict';
  return (
    <div className="state state-error" style={{ minHeight: height }} role="alert">
      <strong>{needsRefresh ? 'Not refreshed yet' : errorTitle}</strong>
      <span>{error?.message ?? 'Unknown error.'}</span>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
