import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';

/** Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/**
 * Clicks a widget's "Download CSV", waits for the browser's download and returns its file name
 * and rows as objects keyed by the header's labels.
 */
export async function downloadWidgetCsv(
  page: Page,
  widget: string,
): Promise<{ fileName: string; header: string[]; rows: Record<string, string>[] }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`[data-widget="${widget}"] [data-action="download-csv"]`).click(),
  ]);
  const path = await download.path();
  const [header = [], ...lines] = parseCsv(await readFile(path, 'utf8'));
  const rows = lines.map((line) => Object.fromEntries(header.map((h, i) => [h, line[i] ?? ''])));
  return { fileName: download.suggestedFilename(), header, rows };
}
