import { useCallback, useEffect, useRef, useState } from 'react';
import { runQuery } from '../../api/query-actions';
import type { QueryInput, QueryResult } from '../../api/query-types';

/** A run of the editor's SQL: none yet, running, its result, or why it failed. */
export type RunState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; result: QueryResult }
  | { status: 'error'; error: Error };

/**
 * Runs SQL on the server and keeps the latest run's outcome; a new run cancels the one before,
 * whose answer then never shows. `run` resolves to the error, if any, for the caller to point at.
 */
export function useQueryRun(): {
  state: RunState;
  run(input: QueryInput): Promise<Error | null>;
} {
  const [state, setState] = useState<RunState>({ status: 'idle' });
  const current = useRef<AbortController | null>(null);
  useEffect(() => () => current.current?.abort(), []);
  const run = useCallback(async (input: QueryInput) => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setState({ status: 'loading' });
    try {
      const result = await runQuery(input, controller.signal);
      if (controller.signal.aborted) return null;
      setState({ status: 'ready', result });
      return null;
    } catch (failure) {
      if (controller.signal.aborted) return null;
      const error = failure instanceof Error ? failure : new Error(String(failure));
      setState({ status: 'error', error });
      return error;
    }
  }, []);
  return { state, run };
}
