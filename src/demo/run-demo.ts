import type { Project } from '../config/project.js';
import { importFile } from '../ingest/import-file.js';
import type { ImportKind } from '../ingest/formats.js';
import type { ImportSummary } from '../ingest/import-summary.js';
import { audienceTemplates } from '../segments/audience-templates.js';
import { createAudience, listAudiences, LOCAL_OWNER } from '../segments/audiences.js';
import type { AudienceInput } from '../segments/audiences.js';
import type { Warehouse } from '../store/warehouse.js';
import { listSavedQueries, createSavedQuery } from '../query/saved-queries.js';
import { QUERY_TEMPLATES, templateFields } from '../query/query-templates.js';
import { demoAudiences } from './demo-audiences.js';
import { writeDemoActivations } from './demo-activations.js';
import { addDemoDestination } from './demo-destination.js';
import { streamDemo } from './generate.js';
import type { DemoOptions } from './types.js';
import { writeDemoFiles } from './write-files.js';

const STEPS = 7;

/**
 * Generates the demo shop's files into the project's demo-data folder and loads them through
 * the same import path as a user's files: rates first, so every amount can be converted. Then
 * the audiences its campaigns went to, the shipped saved queries (the CLV deciles dataset), a
 * disabled webhook destination, and each campaign's historic activation (stopped) with its
 * control group.
 */
export async function runDemo(
  warehouse: Warehouse,
  project: Project,
  options: DemoOptions,
  onStep?: (step: string, done: number, total: number) => void,
): Promise<ImportSummary[]> {
  onStep?.('generating the shop', 0, STEPS);
  const data = streamDemo({ churnWindowDays: project.config.churnWindowDays, ...options });
  const files = await writeDemoFiles(data, project.demoDataDir);
  const order: [ImportKind, string][] = [
    ['rates', files.rates],
    ['costs', files.costs],
    ['customers', files.customers],
    ['events', files.events],
  ];
  const summaries: ImportSummary[] = [];
  for (const [kind, file] of order) {
    onStep?.(`importing the ${kind}`, summaries.length + 1, STEPS);
    summaries.push(await importFile(warehouse, project, { file, kind }));
  }
  onStep?.('creating the audiences, the example dataset and a demo destination', 5, STEPS);
  await createTemplateAudiences(warehouse, project);
  await createTemplateQueries(warehouse);
  const destinationId = await addDemoDestination(warehouse, project.dir);
  onStep?.('recording the campaigns’ activations and control groups', 6, STEPS);
  await writeDemoActivations(warehouse, destinationId, data.activations);
  return summaries;
}

/**
 * Saves the audiences the demo's campaigns went to under their fixed ids, and each other
 * template as an audience (unless one made from it lives already), so the pages are not
 * empty: the next refresh evaluates them. An audience whose id is taken, or whose name a live
 * audience has, is left out.
 */
export async function createTemplateAudiences(
  warehouse: Warehouse,
  project: Project,
): Promise<string[]> {
  const live = await listAudiences(warehouse);
  const templates = new Set(live.map((audience) => audience.template));
  const names = new Set(live.map((audience) => audience.name));
  // Deleted audiences keep their ids: activations still name them.
  const taken = new Set(
    (
      await warehouse.query<{ id: string }>(
        `SELECT audience_id AS id FROM audiences WHERE ${warehouse.dialect.listContains('$ids', 'audience_id')}`,
        { ids: demoAudiences.map((audience) => audience.id) },
      )
    ).map((row) => row.id),
  );
  const created: string[] = [];
  const create = async (input: AudienceInput, id?: string) => {
    const audience = await createAudience(warehouse, project.config, input, LOCAL_OWNER, { id });
    templates.add(audience.template);
    created.push(audience.id);
  };
  const all = audienceTemplates(project.config);
  for (const { id, input } of demoAudiences) {
    const name = input.name ?? all.find((t) => t.key === input.template)?.name;
    if (taken.has(id) || names.has(name ?? '')) continue;
    await create(input, id);
  }
  for (const template of all) {
    if (!templates.has(template.key)) await create({ template: template.key });
  }
  return created;
}

/** Saves each shipped query template whose name and dataset no saved query has yet. */
async function createTemplateQueries(warehouse: Warehouse): Promise<void> {
  const saved = await listSavedQueries(warehouse);
  const taken = new Set(saved.flatMap((query) => [query.name, query.dataset ?? '']));
  for (const template of QUERY_TEMPLATES.map(templateFields)) {
    if (taken.has(template.name) || (template.dataset !== null && taken.has(template.dataset))) {
      continue;
    }
    await createSavedQuery(warehouse, template, LOCAL_OWNER);
  }
}
