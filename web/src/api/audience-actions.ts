// The audience writes (admin) and the estimate (read, but a POST with the rule as its body).
import type { Rule } from '../rules/rule-types';
import type { Activation, Audience, AudienceEstimate, AudienceInput } from './audience-types';
import { apiUrl, request, requestText } from './client';
import { invalidateApi } from './use-api';

/** Members, share, sums and a sample of the customers a rule holds now (no audience saved). */
export function estimateAudience(
  rule: Rule,
  options: { audienceId?: string; signal?: AbortSignal } = {},
): Promise<AudienceEstimate> {
  return request<AudienceEstimate>(apiUrl('/audiences/estimate'), {
    method: 'POST',
    body: options.audienceId ? { rule, audienceId: options.audienceId } : { rule },
    signal: options.signal,
  });
}

/** Saves a new audience, or a new version of one (id given). */
export async function saveAudience(input: AudienceInput, id?: string): Promise<Audience> {
  const path = id ? `/audiences/${encodeURIComponent(id)}` : '/audiences';
  const audience = await request<Audience>(apiUrl(path), { method: 'POST', body: input });
  invalidateApi();
  return audience;
}

/** Starts sending an audience to a destination, keeping a share back as a control group. */
export async function activateAudience(
  audienceId: string,
  body: { destinationId: string; holdoutShare?: number },
): Promise<Activation> {
  const activation = await request<Activation>(
    apiUrl(`/audiences/${encodeURIComponent(audienceId)}/activations`),
    { method: 'POST', body },
  );
  invalidateApi();
  return activation;
}

/** Delivers what is due for one activation now. */
export async function syncActivation(activationId: string): Promise<unknown> {
  const result = await request<unknown>(
    apiUrl(`/activations/${encodeURIComponent(activationId)}/sync`),
    { method: 'POST' },
  );
  invalidateApi();
  return result;
}

/** Downloads an audience's whole membership as the server's CSV (with the key, if any). */
export async function downloadMembersCsv(audienceId: string): Promise<void> {
  const text = await requestText(
    apiUrl(`/audiences/${encodeURIComponent(audienceId)}/members`, { format: 'csv' }),
  );
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `audience-${audienceId}-members.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
