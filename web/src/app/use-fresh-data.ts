import { useEffect, useRef } from 'react';
import { apiUrl } from '../api/client';
import { invalidateApi, invalidateUrl } from '../api/use-api';

/** How often the dashboard asks whether a refresh (scheduled, or by someone else) happened. */
export const STATUS_POLL_MS = 15_000;

/**
 * Keeps the dashboard current: asks for the status every few seconds, and when it names a new
 * refresh, asks for every answer again (the old ones stay on screen until the new arrive).
 */
export function useFreshData(refreshId: number | null | undefined): void {
  useEffect(() => {
    const timer = setInterval(() => invalidateUrl(apiUrl('/status')), STATUS_POLL_MS);
    return () => clearInterval(timer);
  }, []);
  const seen = useRef(refreshId);
  useEffect(() => {
    if (refreshId === undefined) return;
    if (seen.current !== undefined && refreshId !== seen.current) invalidateApi();
    seen.current = refreshId;
  }, [refreshId]);
}
