// What a DuckDB type text means for showing and charting a result column.

export type ColumnKind = 'number' | 'temporal' | 'text' | 'other';

const NUMBER =
  /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|VARINT|BIGNUM|(DECIMAL|NUMERIC)(\(\d+,\s*\d+\))?)$/;
const TEMPORAL = /^(DATE|TIME|TIMESTAMP(_S|_MS|_NS)?|TIMESTAMPTZ|TIMESTAMP WITH TIME ZONE)$/;
const TEXT = /^(VARCHAR|TEXT|STRING|UUID|JSON|ENUM\(.*\))$/;

/** number, temporal (date and time), text, or other (booleans, lists, structs, maps, blobs). */
export function columnKind(type: string): ColumnKind {
  const upper = type.trim().toUpperCase();
  if (NUMBER.test(upper)) return 'number';
  if (TEMPORAL.test(upper)) return 'temporal';
  if (TEXT.test(upper)) return 'text';
  return 'other';
}
