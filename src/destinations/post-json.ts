import { messageOf } from '../shared/errors.js';

/** Why an attempt failed, in words for the delivery log. */
export class DeliveryFailure extends Error {}

const SHOWN_BODY = 200;

/**
 * POSTs a JSON body and succeeds on any 2xx answer. Anything else (another status, no answer
 * within the timeout, no connection) is a DeliveryFailure saying what happened.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new DeliveryFailure(describeFetchError(error, timeoutMs));
  }
  let text = '';
  try {
    text = await response.text();
  } catch (error) {
    if (response.ok) throw new DeliveryFailure(describeFetchError(error, timeoutMs));
  }
  if (!response.ok) {
    const shown = text.replace(/\s+/g, ' ').trim().slice(0, SHOWN_BODY);
    throw new DeliveryFailure(`HTTP ${response.status}${shown ? `: ${shown}` : ''}`);
  }
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  // fetch wraps the socket's error (ECONNREFUSED, ENOTFOUND, …) as its cause.
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return cause?.code ? `could not connect (${cause.code})` : messageOf(error);
}
