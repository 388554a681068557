import { ApiError } from '../../api/client';
import type { useHoldout } from '../../api/hooks';
import type { HoldoutReport } from '../../api/types';
import type { ApiState } from '../../api/use-api';

/** No holdout check yet (a 404) is not an error: the holdout cards then say how to run one. */
export function withMissingAsEmpty(
  state: ReturnType<typeof useHoldout>,
): ApiState<HoldoutReport | null> {
  const missing =
    state.status === 'error' && state.error instanceof ApiError && state.error.status === 404;
  return missing ? { status: 'ready', data: null } : state;
}
