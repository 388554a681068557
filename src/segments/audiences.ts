import type { Config } from '../config/schema.js';
import { ClvError } from '../shared/errors.js';
import type { Warehouse } from '../store/warehouse.js';
import { audienceFigures, NO_FIGURES, type AudienceFigures } from './audience-figures.js';
import {
  audiencesUsing,
  compileAudienceRule,
  hasFeatures,
  isStreaming,
  liveRules,
  parseRule,
  ruleScope,
} from './audience-rule.js';
import {
  audienceRow,
  audienceVersions,
  checkChosenId,
  checkNameFree,
  liveAudienceRows,
  markDeleted,
  newAudienceId,
  nowStamp,
  writeAudienceVersion,
  type AudienceFields,
  type AudienceRow,
  type AudienceVersion,
} from './audience-store.js';
import { audienceTemplate } from './audience-templates.js';
import { evaluateAudience } from './evaluate-audiences.js';
import type { Rule } from './rule-schema.js';
import { ruleText } from './rule-text.js';

/** An audience as lists show it: its fields, whether ingest can evaluate it, its figures. */
export type AudienceSummary = Omit<AudienceRow, 'rule'> & { streaming: boolean } & AudienceFigures;

/** One audience in full: its summary, its rule (also as text) and its versions. */
export type Audience = AudienceSummary & {
  rule: Rule;
  ruleText: string;
  versions: AudienceVersion[];
};

/** What creating or editing takes; on an edit every field is optional. */
export interface AudienceInput {
  name?: string;
  description?: string;
  /** A rule (checked here), or absent to take the template's. */
  rule?: unknown;
  includeUnsubscribed?: boolean;
  template?: string | null;
}

/** Who changes audiences when no API key is involved: the CLI, an open server. */
export const LOCAL_OWNER = 'local';

export const NAME_MAX = 100;
export const DESCRIPTION_MAX = 2000;

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > NAME_MAX) {
    throw new ClvError('bad_input', `name: must be 1 to ${NAME_MAX} characters`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new ClvError('bad_input', 'name: must not contain control characters');
  }
  return trimmed;
}

function checkDescription(description: string): string {
  if (description.length > DESCRIPTION_MAX) {
    throw new ClvError('bad_input', `description: must be at most ${DESCRIPTION_MAX} characters`);
  }
  return description;
}

/** Every live audience with its figures, by name. */
export async function listAudiences(warehouse: Warehouse): Promise<AudienceSummary[]> {
  const rows = await liveAudienceRows(warehouse);
  const rules = new Map(rows.map((row) => [row.id, row.rule]));
  const figures = await audienceFigures(
    warehouse,
    rows.map((row) => row.id),
  );
  return rows.map((row) => summary(row, rules, figures.get(row.id)));
}

/** One live audience in full; a 404 when there is none. */
export async function getAudience(warehouse: Warehouse, id: string): Promise<Audience> {
  const row = await audienceRow(warehouse, id);
  const rules = await liveRules(warehouse);
  const figures = await audienceFigures(warehouse, [id]);
  const names = await audienceNames(warehouse);
  const { rule } = row;
  return {
    ...summary(row, rules, figures.get(id)),
    rule,
    ruleText: ruleText(rule, { audienceName: (other) => names.get(other) ?? null }),
    versions: await audienceVersions(warehouse, id),
  };
}

/** The names of the live audiences by id, for rule text. */
export async function audienceNames(warehouse: Warehouse): Promise<Map<string, string>> {
  const rows = await warehouse.query<{ id: string; name: string }>(
    `SELECT audience_id AS id, name FROM audiences WHERE deleted_at IS NULL`,
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

/**
 * Saves a new audience (version 1, owned by `who`) after checking its name and compiling its
 * rule, and evaluates it at once when the store has been refreshed. `options.id` is for the
 * demo only, whose campaigns name its audiences by fixed ids; everyone else gets a fresh id.
 */
export async function createAudience(
  warehouse: Warehouse,
  config: Config,
  input: AudienceInput,
  who: string,
  options: { id?: string } = {},
): Promise<Audience> {
  const chosenId = options.id === undefined ? null : await checkChosenId(warehouse, options.id);
  const template =
    input.template === undefined || input.template === null
      ? null
      : audienceTemplate(config, input.template);
  if (input.name === undefined && !template) throw new ClvError('bad_input', 'name: required');
  const name = checkName(input.name ?? template?.name ?? '');
  if (input.rule === undefined && !template) throw new ClvError('bad_input', 'rule: required');
  const fields: AudienceFields = {
    name,
    description: checkDescription(input.description ?? template?.description ?? ''),
    rule: parseRule(input.rule ?? template?.rule),
    includeUnsubscribed: input.includeUnsubscribed ?? false,
    template: template?.key ?? null,
  };
  const id = chosenId ?? newAudienceId();
  return save(warehouse, config, id, fields, 1, who, true);
}

/** Saves the next version of an audience with the fields given; re-evaluates it when its rule changed. */
export async function editAudience(
  warehouse: Warehouse,
  config: Config,
  id: string,
  input: AudienceInput,
  who: string,
): Promise<Audience> {
  const current = await audienceRow(warehouse, id);
  const template =
    input.template === undefined
      ? current.template
      : input.template === null
        ? null
        : audienceTemplate(config, input.template).key;
  const rule = input.rule === undefined ? current.rule : parseRule(input.rule);
  const fields: AudienceFields = {
    name: input.name === undefined ? current.name : checkName(input.name),
    description:
      input.description === undefined ? current.description : checkDescription(input.description),
    rule,
    includeUnsubscribed: input.includeUnsubscribed ?? current.includeUnsubscribed,
    template,
  };
  const ruleChanged = JSON.stringify(rule) !== JSON.stringify(current.rule);
  return save(warehouse, config, id, fields, current.version + 1, who, ruleChanged);
}

async function save(
  warehouse: Warehouse,
  config: Config,
  id: string,
  fields: AudienceFields,
  version: number,
  who: string,
  evaluate: boolean,
): Promise<Audience> {
  await checkNameFree(warehouse, fields.name, id);
  const scope = await ruleScope(warehouse, config);
  // Compiled with its new rule in place, so a cycle through the audiences using it is found.
  const rules = new Map(scope.rules).set(id, fields.rule);
  compileAudienceRule(fields.rule, { ...scope, rules }, id);
  const at = nowStamp();
  await writeAudienceVersion(warehouse, id, fields, version, who, at);
  if (evaluate && (await hasFeatures(warehouse))) {
    await evaluateAudience(
      warehouse,
      { id, rule: fields.rule },
      { ...scope, rules },
      {
        at,
        source: 'edit',
      },
    );
  }
  return getAudience(warehouse, id);
}

/** Deletes an audience unless another live audience's rule uses it (409 naming those). */
export async function deleteAudience(
  warehouse: Warehouse,
  id: string,
): Promise<{ deleted: string }> {
  await audienceRow(warehouse, id);
  const users = audiencesUsing(id, await liveRules(warehouse));
  if (users.length > 0) {
    const names = await audienceNames(warehouse);
    const named = users.map((user) => `${JSON.stringify(names.get(user) ?? user)} (${user})`);
    throw new ClvError(
      'conflict',
      `the audience ${id} is used by the rules of ${named.join(', ')}: change or delete those first`,
      { details: { usedBy: users } },
    );
  }
  await markDeleted(warehouse, id, nowStamp());
  return { deleted: id };
}

function summary(
  row: AudienceRow,
  rules: ReadonlyMap<string, Rule>,
  figures: AudienceFigures | undefined,
): AudienceSummary {
  const { rule, ...fields } = row;
  return {
    ...fields,
    streaming: isStreaming(rule, rules),
    ...NO_FIGURES,
    ...figures,
  };
}
