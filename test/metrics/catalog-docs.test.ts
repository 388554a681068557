import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { KPI_CATALOG } from '../../src/metrics/catalog.js';
import { ABSENT_REASONS } from '../../src/metrics/absent-reasons.js';

const doc = await readFile(new URL('../../docs/metrics.md', import.meta.url), 'utf8');
const section = doc.slice(
  doc.indexOf('## Period KPIs'),
  doc.indexOf('\n## ', doc.indexOf('## Period KPIs') + 1),
);
/** The rows of the page's KPI table: `key` → its cells. */
const rows = new Map(
  [...section.matchAll(/^\| `(\w+)` +\|(.*)\|$/gm)].map((m) => [
    m[1] ?? '',
    (m[2] ?? '').split('|').map((cell) => cell.trim()),
  ]),
);

describe('docs/metrics.md and the KPI catalogue', () => {
  it('lists every KPI of the catalogue with its label, unit, direction and definition as written', () => {
    for (const kpi of KPI_CATALOG) {
      const [label, unit, good, monthly, definition] = rows.get(kpi.key) ?? [];
      expect({ key: kpi.key, label, unit, good, monthly, definition }).toEqual({
        key: kpi.key,
        label: kpi.label,
        unit: kpi.unit,
        good: kpi.good,
        monthly: kpi.monthly ? 'yes' : 'no',
        definition: kpi.definition,
      });
    }
  });

  it('gives every formula word for word', () => {
    for (const kpi of KPI_CATALOG) {
      expect(section).toContain(`- \`${kpi.key}\`: ${kpi.formula}\n`);
    }
  });

  it('names no KPI the catalogue does not have', () => {
    const keys = KPI_CATALOG.map((kpi) => kpi.key as string);
    expect([...rows.keys()].filter((key) => !keys.includes(key))).toEqual([]);
    const formulaKeys = [...section.matchAll(/^- `(\w+)`: /gm)].map((m) => m[1]);
    expect(formulaKeys).toEqual(keys);
  });

  it('lists every reason for an empty answer with its sentence', () => {
    const reasons = doc.slice(doc.indexOf('## Empty answers'));
    for (const [code, text] of Object.entries(ABSENT_REASONS)) {
      expect(reasons).toMatch(new RegExp(`^\\| \`${code}\` +\\| ${text} +\\|$`, 'm'));
    }
  });
});
