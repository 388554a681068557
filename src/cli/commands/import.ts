import type { Command } from 'commander';
import { basename, resolve } from 'node:path';
import { parseKind } from '../../ingest/formats.js';
import { importFile } from '../../ingest/import-file.js';
import type { ImportSummary } from '../../ingest/import-summary.js';
import { outputFor, withProjectStore } from '../context.js';
import { table } from '../output.js';
import { importProgressBar } from '../progress-bar.js';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'import a CSV, NDJSON or Parquet file (gzip too) of events, customers, costs or rates',
    )
    .argument('<file>', 'the file to import')
    .requiredOption('--kind <kind>', 'events | customers | costs | rates')
    .option('--format <format>', 'csv | ndjson | parquet (default: from the file name)')
    .action(async (file: string, options: { kind: string; format?: string }, command: Command) => {
      const output = outputFor(command);
      const kind = parseKind(options.kind);
      const format = options.format ? { format: options.format } : {};
      const summary = await withProjectStore(
        command,
        async (project, warehouse) => {
          const bar = output.json ? null : importProgressBar(basename(file));
          try {
            return await importFile(warehouse, project, {
              file,
              kind,
              ...format,
              ...(bar ? { onProgress: bar.update } : {}),
            });
          } finally {
            bar?.done();
          }
        },
        (server) =>
          // On loopback the server reads the file where it lies; elsewhere it gets a copy.
          server.loopback
            ? server.send<ImportSummary>('POST', '/imports/local', {
                path: resolve(file),
                kind,
                ...format,
              })
            : server.upload<ImportSummary>('/imports', file, { kind, ...format }),
      );
      output.result(summary, () => describeImport(summary));
    });
}

/** The summary for people. */
export function describeImport(summary: ImportSummary): string {
  const lines = [
    `${summary.kind} from ${summary.file} (${summary.seconds.toFixed(2)} s)`,
    table([
      ['read', summary.read],
      ['inserted', summary.inserted],
      ['duplicates', summary.duplicates],
      ['rejected', summary.rejected],
    ]),
  ];
  if (summary.rejectsFile) lines.push(`rejected rows and reasons: ${summary.rejectsFile}`);
  for (const warning of summary.warnings) lines.push(`warning: ${warning}`);
  return lines.join('\n');
}
