import { literal } from '../../sql-text.js';
import type { Warehouse } from '../../warehouse.js';
import type { Staged } from '../../staged.js';
import { lineSizeOptions, MAX_LINE_BYTES } from './line-size.js';
import { readNdjsonLinesCarefully } from './ndjson-careful.js';

/**
 * Stages an NDJSON file line by line, so that one bad line is one rejected row instead of a
 * failed import. Keys may sit at the top level or under `properties`; the top level wins.
 */
export async function stageNdjson(
  warehouse: Warehouse,
  file: string,
  tag: string,
  scratchDir: string,
): Promise<Staged> {
  const lines = `stage_${tag}_lines`;
  const table = `stage_${tag}`;
  const broken = `stage_${tag}_broken`;
  const unreadable = `stage_${tag}_unreadable`;
  const relation = `stage_${tag}_rows`;
  // The engine's line reading, fast, numbers rows as lines; a file it refuses (line ends that
  // change within it) is split into lines by our own reader, which numbers them itself.
  let lineNumber = 'rowid + 1';
  try {
    // A delimiter that JSON text cannot hold unescaped and no quoting: each line is one value.
    await warehouse.run(
      `CREATE TEMP TABLE ${lines} AS SELECT * FROM read_csv($file, columns = {'text': 'VARCHAR'},
         header = false, delim = chr(1), quote = '', escape = '', auto_detect = false,
         ${lineSizeOptions(MAX_LINE_BYTES)})`,
      { file },
    );
    await warehouse.run(
      `CREATE TEMP TABLE ${unreadable} (line BIGINT, reason VARCHAR, record VARCHAR)`,
    );
  } catch {
    await warehouse.run(`DROP TABLE IF EXISTS ${lines}`);
    await readNdjsonLinesCarefully(warehouse, file, { lines, broken: unreadable }, scratchDir, tag);
    lineNumber = '__line';
  }
  await warehouse.run(`
    CREATE TEMP TABLE ${table} AS
    WITH parsed AS (
      SELECT ${lineNumber} AS __line, text AS __raw,
             CASE WHEN json_valid(text) THEN text::JSON END AS __doc
      FROM ${lines}
      -- A line of JSON's white space alone (spaces, tabs, carriage returns) is a blank line.
      WHERE text IS NOT NULL AND trim(text, ' ' || chr(9) || chr(13)) <> ''
    ),
    -- Whether the line has a properties object, asked of its JSON once (each question parses it).
    nested AS (
      SELECT *, json_type(__doc, '$.properties') IS DISTINCT FROM 'OBJECT' AS __flat FROM parsed
    ),
    merged AS (
      SELECT __line, __raw, __doc, __flat,
             CASE WHEN json_type(__doc) = 'OBJECT' THEN json_merge_patch(
               CASE WHEN NOT __flat THEN __doc -> 'properties' ELSE '{}'::JSON END,
               __doc) END AS __j
      FROM nested
    ),
    keyed AS (SELECT *, json_keys(__j) AS __keys FROM merged)
    SELECT __line, __raw, __j, __flat,
           CASE WHEN __doc IS NULL THEN 'malformed JSON'
                WHEN json_type(__doc) <> 'OBJECT' THEN 'not a JSON object'
                -- Which of two values was meant cannot be known (and the engine would read the
                -- first where a JSON parser keeps the last): the line is refused, saying why.
                WHEN len(__keys) <> len(list_distinct(__keys))
                  THEN 'repeated key ' || to_json(
                    list_filter(__keys, (k, i) -> list_position(__keys, k) < i)[1])
           END AS __error
    FROM keyed`);
  await warehouse.run(`DROP TABLE ${lines}`);
  await warehouse.run(`
    CREATE TEMP TABLE ${broken} AS
    SELECT __line AS line, __error AS reason, __raw AS record FROM ${table} WHERE __error IS NOT NULL
    UNION ALL SELECT line, reason, record FROM ${unreadable}`);
  await warehouse.run(`DROP TABLE ${unreadable}`);
  await warehouse.run(
    `CREATE TEMP VIEW ${relation} AS
     SELECT __line, __raw, __j, __flat FROM ${table} WHERE __error IS NULL`,
  );
  const key = (name: string): string => `__j ->> ${literal(name)}`;

  return {
    relation,
    columns: null,
    async sampleFields() {
      const keys = await warehouse.query<{ key: string }>(
        `SELECT DISTINCT unnest(json_keys(__j)) AS key
         FROM (SELECT __j FROM ${relation} ORDER BY __line LIMIT 1000) ORDER BY key`,
      );
      return keys.map((row) => row.key);
    },
    field: (name) => `nullif(trim(${key(name)}), '')`,
    properties(exclude) {
      const left = [...exclude, 'properties'];
      const skip = `[${left.map(literal).join(', ')}]`;
      // A line without a properties object has no null member: its nulls went when it was
      // patched onto {} above. Its properties are then what a patch that removes the consumed
      // keys leaves, a seventh of the cost of taking the members out one by one (which every
      // line with a properties object still needs, whose own null members are left out).
      const removal = JSON.stringify(Object.fromEntries(left.map((name) => [name, null])));
      return `CASE WHEN __flat THEN nullif(json_merge_patch(__j, ${literal(removal)}), '{}')
        ELSE nullif(to_json(map_from_entries(list_transform(
          list_filter(json_keys(__j), k -> NOT list_contains(${skip}, k)
            AND json_type(__j -> k) <> 'NULL'),
          k -> struct_pack(k := k, v := __j -> k)))), '{}') END`;
    },
    carry: '__raw AS __carry_raw',
    carried: ['__carry_raw'],
    record: '__carry_raw',
    hash: 'md5(trim(__raw))',
    broken,
    async drop() {
      await warehouse.run(`DROP VIEW IF EXISTS ${relation}`);
      await warehouse.run(`DROP TABLE IF EXISTS ${table}`);
      await warehouse.run(`DROP TABLE IF EXISTS ${broken}`);
      await warehouse.run(`DROP TABLE IF EXISTS ${unreadable}`);
    },
  };
}
