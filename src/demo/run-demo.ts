import type { Project } from '../config/project.js';
import { importFile } from '../ingest/import-file.js';
import type { ImportKind } from '../ingest/formats.js';
import type { ImportSummary } from '../ingest/import-summary.js';
import { audienceTemplates } from '../segments/audience-templates.js';
import { createAudience, listAudiences, LOCAL_OWNER } from '../segments/audiences.js';
import type { Warehouse } from '../store/warehouse.js';
import { addDemoDestination } from './demo-destination.js';
import { generateDemo } from './generate.js';
import type { DemoOptions } from './types.js';
import { writeDemoFiles } from './write-files.js';

/**
 * Generates the demo shop's files into the project's demo-data folder and loads them through
 * the same import path as a user's files: rates first, so every amount can be converted. A
 * disabled webhook destination comes with it.
 */
export async function runDemo(
  warehouse: Warehouse,
  project: Project,
  options: DemoOptions,
  onStep?: (step: string, done: number, total: number) => void,
): Promise<ImportSummary[]> {
  onStep?.('generating the shop', 0, 6);
  const data = generateDemo(options);
  const files = await writeDemoFiles(data, project.demoDataDir);
  const order: [ImportKind, string][] = [
    ['rates', files.rates],
    ['costs', files.costs],
    ['customers', files.customers],
    ['events', files.events],
  ];
  const summaries: ImportSummary[] = [];
  for (const [kind, file] of order) {
    onStep?.(`importing the ${kind}`, summaries.length + 1, 6);
    summaries.push(await importFile(warehouse, project, { file, kind }));
  }
  onStep?.('creating the template audiences', 5, 6);
  await createTemplateAudiences(warehouse, project);
  await addDemoDestination(warehouse, project.dir);
  return summaries;
}

/**
 * Saves each template as an audience (unless one made from it lives already), so the pages
 * are not empty: the next refresh evaluates them.
 */
export async function createTemplateAudiences(
  warehouse: Warehouse,
  project: Project,
): Promise<string[]> {
  const existing = new Set((await listAudiences(warehouse)).map((audience) => audience.template));
  const created: string[] = [];
  for (const template of audienceTemplates(project.config)) {
    if (existing.has(template.key)) continue;
    const audience = await createAudience(
      warehouse,
      project.config,
      { template: template.key },
      LOCAL_OWNER,
    );
    created.push(audience.id);
  }
  return created;
}
