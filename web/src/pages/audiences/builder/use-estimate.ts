import { useEffect, useState } from 'react';
import { estimateAudience } from '../../../api/audience-actions';
import type { AudienceEstimate } from '../../../api/audience-types';
import type { Rule } from '../../../rules/rule-types';

/** How long the rule must stay unchanged before it is estimated: typing does not flood the server. */
export const ESTIMATE_DELAY_MS = 300;

export type EstimateState =
  | { status: 'loading'; data?: AudienceEstimate; error?: undefined }
  | { status: 'ready'; data: AudienceEstimate; error?: undefined }
  | { status: 'error'; data?: AudienceEstimate; error: Error };

/**
 * The estimate of a rule, asked for once it has been still for ESTIMATE_DELAY_MS; an answer
 * for an older rule is dropped (its request aborted). The last figures stay while loading.
 */
export function useEstimate(rule: Rule, audienceId?: string): EstimateState {
  const [state, setState] = useState<EstimateState>({ status: 'loading' });
  const key = JSON.stringify(rule);
  useEffect(() => {
    const controller = new AbortController();
    setState((last) => ({ status: 'loading', data: last.data }));
    const timer = setTimeout(() => {
      estimateAudience(JSON.parse(key) as Rule, { audienceId, signal: controller.signal }).then(
        (data) => setState({ status: 'ready', data }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setState((last) => ({
            status: 'error',
            data: last.data,
            error: error instanceof Error ? error : new Error(String(error)),
          }));
        },
      );
    }, ESTIMATE_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, audienceId]);
  return state;
}
