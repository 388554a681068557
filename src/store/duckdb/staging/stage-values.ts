import { rm } from 'node:fs/promises';
import { writeScratch } from '../../scratch-files.js';
import { literal } from '../../sql-text.js';
import type { Staged, ValuesShape } from '../../staged.js';
import { trimmedOrNull } from './trimmed-text.js';
import { DELIMITER, QUOTE, ValuesCsv } from './values-csv.js';
import { lineSizeOptions } from './line-size.js';

/** The reader's default; a longer line needs a larger buffer, which costs on every batch. */
const DEFAULT_MAX_LINE = 2_097_152;

/**
 * Stages JS values as the lines of an NDJSON file would be staged, value i as line i + 1, with
 * the same field texts, properties and content hash. The JSON work is done in JS, on values
 * already parsed, and the engine reads plain text columns: parsing each line's JSON once per
 * field, as the NDJSON staging does, took longer than all the rest of a batch's import.
 */
export async function stageValues(
  values: readonly unknown[],
  shape: ValuesShape,
  tag: string,
  scratchDir: string,
): Promise<Staged> {
  const { readable, unreadable, longest } = new ValuesCsv(shape).write(values);
  // A UTF-16 length bounds the UTF-8 one within a factor of 3.
  const maxLine = Math.max(DEFAULT_MAX_LINE, longest * 3 + 1);
  const files: string[] = [];
  // The files are read where they are used rather than copied into tables first: parsing
  // them is cheap, storing thousands of rows of text in a table is not.
  const relation = async (text: string, columns: readonly string[]): Promise<string> => {
    // The line number comes first, then text.
    const typed = columns.map((_, i) => (i === 0 ? 'BIGINT' : 'VARCHAR'));
    if (text === '') {
      const nulls = columns.map((name, i) => `NULL::${typed[i]} AS ${name}`);
      return `(SELECT ${nulls.join(', ')} WHERE false)`;
    }
    // Raw events: in the project's scratch folder, readable by its owner alone.
    const file = await writeScratch(scratchDir, `-${tag}.csv`, text);
    files.push(file);
    const types = columns.map((name, i) => `${literal(name)}: '${typed[i]}'`);
    // The path is ours, not data.
    return `read_csv(${literal(file)}, columns = {${types.join(', ')}}, header = false,
      auto_detect = false, delim = ${chr(DELIMITER)}, quote = ${chr(QUOTE)},
      escape = ${chr(QUOTE)}, ${lineSizeOptions(maxLine)})`;
  };
  const drop = async (): Promise<void> => {
    await Promise.all(files.map((file) => rm(file, { force: true })));
  };
  let rows: string;
  let broken: string;
  try {
    rows = await relation(readable, [
      '__line',
      '__raw',
      ...shape.fields.map((_, i) => `__f${i}`),
      '__pall',
      ...shape.exclusions.map((_, i) => `__p${i}`),
    ]);
    broken = await relation(unreadable, ['line', 'record', 'reason']);
  } catch (error) {
    await drop();
    throw error;
  }

  return {
    relation: `(SELECT * FROM ${rows})`,
    columns: null,
    sampleFields: () => Promise.resolve(shape.fields),
    field(name) {
      const i = shape.fields.indexOf(name);
      if (i < 0) throw new Error(`stageValues was not told of the field ${literal(name)}`);
      return trimmedOrNull(`__f${i}`);
    },
    properties(exclude) {
      const key = exclude.join('\0');
      const i = shape.exclusions.findIndex((names) => names.join('\0') === key);
      if (i < 0) throw new Error(`stageValues was not told of properties without ${key}`);
      // json() writes the object as the engine writes JSON, numbers included.
      return `json(nullif(coalesce(__p${i}, __pall), '{}'))`;
    },
    carry: '__raw AS __carry_raw',
    carried: ['__carry_raw'],
    record: '__carry_raw',
    hash: 'md5(trim(__raw))',
    broken: `(SELECT line, reason, record FROM ${broken})`,
    drop,
  };
}

function chr(character: string): string {
  return `chr(${character.charCodeAt(0)})`;
}
