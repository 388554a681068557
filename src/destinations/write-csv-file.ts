import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { CsvConfig } from './destination-config.js';
import { memberColumns } from './delivery-member.js';
import type { DueDelivery } from './due-delivery.js';
import { DeliveryFailure } from './post-json.js';

/** A CSV cell: quoted when needed, and text a spreadsheet would run as a formula defused. */
function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The file a delivery is written to: one per delivery, named by activation and sequence. */
export function csvFileOf(projectDir: string, config: CsvConfig, delivery: DueDelivery): string {
  const folder = resolve(projectDir, config.folder);
  const inside = relative(resolve(projectDir), folder);
  if (inside.startsWith('..') || inside.startsWith(sep)) {
    throw new DeliveryFailure(`the folder ${config.folder} is not inside the project`);
  }
  const seq = String(delivery.seq).padStart(6, '0');
  return join(folder, `${delivery.activationId}-${seq}-${delivery.kind}.csv`);
}

/**
 * Writes a delivery as a CSV file with the chosen columns. A retry writes the same file again;
 * the rename makes a reader see a whole file or none.
 */
export async function writeCsvFile(
  projectDir: string,
  config: CsvConfig,
  delivery: DueDelivery,
): Promise<string> {
  const file = csvFileOf(projectDir, config, delivery);
  const lines = [config.columns.join(',')];
  for (const member of delivery.members) {
    const values = memberColumns(member);
    lines.push(config.columns.map((column) => cell(values[column] ?? null)).join(','));
  }
  try {
    await mkdir(resolve(file, '..'), { recursive: true });
    const partial = `${file}.partial`;
    await writeFile(partial, `${lines.join('\n')}\n`, 'utf8');
    await rename(partial, file);
  } catch (error) {
    throw new DeliveryFailure(`could not write ${file}: ${(error as Error).message}`);
  }
  return file;
}
