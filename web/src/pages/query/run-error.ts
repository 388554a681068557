// What the result card calls a failed run, by the server's status.
import { ApiError } from '../../api/client';

/** The heading over a failed run's message; a 409 is "Not refreshed yet" in every widget. */
export function errorHeading(error: Error | undefined): string {
  const status = error instanceof ApiError ? error.status : null;
  if (status === 504) return 'The query ran too long';
  if (status === 400) return 'The query failed';
  return 'Could not run the query';
}
