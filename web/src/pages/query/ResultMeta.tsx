import type { QueryResult } from '../../api/query-types';
import { numberText } from './result-table';

const when = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );

/** How many rows the run gave, how long it took, and the refresh its data is as of. */
export function ResultMeta({ result }: { result: QueryResult }) {
  const rows = result.rowCount;
  return (
    <span
      data-role="result-meta"
      data-rows={rows}
      data-seconds={result.seconds}
      data-refresh={result.refreshId}
    >
      {numberText(rows)} {rows === 1 ? 'row' : 'rows'} in {result.seconds.toFixed(3)} s · data as of{' '}
      {result.asOf ? when(result.asOf) : 'the last refresh'} (refresh {result.refreshId})
    </span>
  );
}
