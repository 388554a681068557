import { ClvError } from '../shared/errors.js';
import type { FileFormat } from './formats.js';

const FORMAT_NAMES: Record<FileFormat, string> = {
  csv: 'CSV',
  ndjson: 'NDJSON',
  parquet: 'Parquet',
};

/**
 * Turns a reader's failure into what is wrong with the file, in words for the person who sent
 * it: the file by the name they know it by, the line where the reader says, and none of the
 * engine's internals (its SQL, its sniffer's report, the server's own path), which stay in the
 * error's cause for the log (`CLV_DEBUG=1` prints it on the command line).
 */
export function unreadableFile(
  file: string,
  name: string,
  format: FileFormat,
): (error: unknown) => never {
  return (error) => {
    if (error instanceof ClvError) throw error;
    const said = error instanceof Error ? error.message : String(error);
    throw new ClvError(
      'bad_input',
      `cannot read ${name} as ${FORMAT_NAMES[format]}: ${inWords(said, file, name, format)}`,
      { cause: error },
    );
  };
}

function inWords(message: string, file: string, name: string, format: FileFormat): string {
  const first = (message.split('\n')[0] ?? '')
    .replace(/^[A-Z][A-Za-z ]* Error: /, '')
    .replaceAll(file, name)
    .trim();
  const line = /line[: ]+(\d+)/i.exec(message)?.[1];
  const at = line ? `line ${line}: ` : '';
  if (/too small to be a Parquet file|No magic bytes|not a parquet file/i.test(message)) {
    return 'it is not a Parquet file (its first and last bytes are not the PAR1 marker)';
  }
  if (/invalid unicode|byte sequence mismatch|not utf-?8/i.test(message)) {
    return `${at}the text is not UTF-8`;
  }
  if (
    /incorrect header check|invalid (gzip|stored block)|unexpected end of file|zlib/i.test(message)
  ) {
    return `it is not a valid gzip file (${first})`;
  }
  if (/maximum line size|line size/i.test(message)) {
    return `${at}a line is longer than the 64 MB a line may hold`;
  }
  if (format === 'parquet') return `it is damaged or not Parquet (${first})`;
  return `${at}${first}`;
}

/** A file that cannot be opened: missing, a folder, not allowed. */
export function unopenable(name: string, error: unknown): ClvError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'there is no such file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a folder, not a file'
          : (error as Error).message;
  return new ClvError('usage', `cannot read ${name}: ${reason}`, { cause: error });
}
