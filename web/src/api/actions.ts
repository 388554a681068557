// The dashboard's writes: admin actions, after which every answer is asked for again.
import { apiUrl, request } from './client';
import type { HoldoutReport, RefreshResult } from './types';
import { invalidateApi } from './use-api';

/** Refreshes the derived tables and models now (admin). */
export async function refreshNow(): Promise<RefreshResult> {
  const result = await request<RefreshResult>(apiUrl('/refresh'), { method: 'POST' });
  invalidateApi();
  return result;
}

/** Runs and stores a holdout check of the purchase model from a day on (admin). */
export async function runHoldout(holdoutFrom: string): Promise<HoldoutReport> {
  const result = await request<HoldoutReport>(apiUrl('/model/holdout'), {
    method: 'POST',
    body: { holdoutFrom },
  });
  invalidateApi();
  return result;
}
