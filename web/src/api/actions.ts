// The dashboard's writes: admin actions, after which every answer is asked for again.
import { apiUrl, request } from './client';
import type { HoldoutCheck, RefreshResult } from './types';
import { invalidateApi, invalidateUrl } from './use-api';

/** Refreshes the derived tables and models now (admin). */
export async function refreshNow(): Promise<RefreshResult> {
  try {
    return await request<RefreshResult>(apiUrl('/refresh'), { method: 'POST' });
  } finally {
    // The status shows the new refresh (or the failed one); after a new refresh the app asks
    // for every answer again.
    invalidateUrl(apiUrl('/status'));
  }
}

/** Runs and stores a holdout check of the purchase model from a day on (admin). */
export async function runHoldout(holdoutFrom: string): Promise<HoldoutCheck> {
  const result = await request<HoldoutCheck>(apiUrl('/model/holdout'), {
    method: 'POST',
    body: { holdoutFrom },
  });
  invalidateApi();
  return result;
}
