import type { ImportProgress } from '../ingest/import-summary.js';

const WIDTH = 24;

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/** A one-line progress bar on a terminal (stderr); does nothing elsewhere. */
export function importProgressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): { update(progress: ImportProgress): void; done(): void } {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  let shown = false;
  return {
    update({ step, fraction, rows, bytes, totalBytes }) {
      const share = fraction ?? (step === 'done' ? 1 : 0);
      const filled = Math.round(share * WIDTH);
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
      const rowText = rows === null ? '' : `  ${rows.toLocaleString('en')} rows`;
      const line = `${label} ${bar} ${step.padEnd(15)} ${megabytes(bytes)} / ${megabytes(totalBytes)}${rowText}`;
      stream.write(`\r${line.slice(0, (stream.columns || 120) - 1)}\x1b[K`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}

/**
 * A one-line bar of named steps on a terminal (stderr), for commands that take more than a
 * second without reading a file; does nothing elsewhere, so pipes and scripts see no noise.
 */
export function stepProgressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): { step(name: string, done: number, total: number): void; done(): void } {
  if (!stream.isTTY) return { step: () => undefined, done: () => undefined };
  let shown = false;
  return {
    step(name, done, total) {
      const filled = total > 0 ? Math.round((done / total) * WIDTH) : 0;
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
      const line = `${label} ${bar} ${done + 1}/${total} ${name}`;
      stream.write(`\r${line.slice(0, (stream.columns || 120) - 1)}\x1b[K`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
