import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import type { Project } from '../../config/project.js';
import {
  createAudience,
  deleteAudience,
  editAudience,
  getAudience,
  listAudiences,
  LOCAL_OWNER,
  type Audience,
  type AudienceInput,
  type AudienceSummary,
} from '../../segments/audiences.js';
import {
  audienceMembers,
  openMembersCsv,
  type MemberPage,
} from '../../segments/audience-members.js';
import { audienceTemplate, audienceTemplates } from '../../segments/audience-templates.js';
import { estimateAudience, type AudienceEstimate } from '../../segments/estimate-audience.js';
import { openProject } from '../../config/project.js';
import { ClvError } from '../../shared/errors.js';
import { globalOptions, outputFor, withProjectStore } from '../context.js';
import { API_KEY_VARIABLE } from '../remote-server.js';
import {
  describeAudience,
  describeAudienceList,
  describeEstimate,
  describeMembers,
  describeTemplates,
} from './audience-text.js';

interface RuleFlags {
  rule?: string;
  template?: string;
}

interface WriteFlags extends RuleFlags {
  name?: string;
  description?: string;
  includeUnsubscribed?: boolean;
}

/**
 * The rule a command was given: `--rule -` reads standard input, text starting with `{` is the
 * JSON itself, anything else a file holding it. Its shape is checked by the service.
 */
async function readRule(value: string | undefined): Promise<unknown> {
  if (value === undefined) return undefined;
  const text =
    value === '-'
      ? await readStdin()
      : value.trimStart().startsWith('{')
        ? value
        : await readFile(value, 'utf8').catch((error: unknown) => {
            throw new ClvError('bad_input', `--rule: cannot read the file ${value}`, {
              cause: error,
            });
          });
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ClvError('bad_input', `--rule: not JSON (${(error as Error).message})`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function audienceInput(flags: WriteFlags): Promise<AudienceInput> {
  const input: AudienceInput = {};
  if (flags.name !== undefined) input.name = flags.name;
  if (flags.description !== undefined) input.description = flags.description;
  const rule = await readRule(flags.rule);
  if (rule !== undefined) input.rule = rule;
  if (flags.template !== undefined) input.template = flags.template;
  if (flags.includeUnsubscribed !== undefined)
    input.includeUnsubscribed = flags.includeUnsubscribed;
  return input;
}

/** A new audience's input with the template's name, description and rule where none is given. */
function withTemplate(input: AudienceInput, project: Project): AudienceInput {
  if (input.template === undefined || input.template === null) return input;
  const template = audienceTemplate(project.config, input.template);
  return {
    ...input,
    name: input.name ?? template.name,
    description: input.description ?? template.description,
    rule: input.rule ?? template.rule,
  };
}

/** The rule to estimate: `--rule`, or a template's. */
async function estimateRule(flags: RuleFlags, project: Project): Promise<unknown> {
  const rule = await readRule(flags.rule);
  if (rule !== undefined) return rule;
  if (flags.template !== undefined) return audienceTemplate(project.config, flags.template).rule;
  throw new ClvError('usage', 'give the rule: --rule FILE|-|JSON, or --template KEY');
}

function pageNumber(text: string | undefined, option: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value)) {
    throw new ClvError('bad_input', `${option} must be a whole number, not "${text}"`);
  }
  return value;
}

const idPath = (id: string): string => `/audiences/${encodeURIComponent(id)}`;

function writeOptions(command: Command): Command {
  return command
    .option('--name <name>', 'the audience name (1-100 characters, unique)')
    .option('--description <text>', 'what the audience is for')
    .option('--rule <rule>', 'the rule: a JSON file, - for standard input, or the JSON itself')
    .option('--template <key>', 'start from a template (clv audience templates)')
    .option('--include-unsubscribed', 'email destinations also get members without email consent')
    .option('--no-include-unsubscribed', 'email destinations get only members with email consent');
}

/** Adds `clv audience templates|create|list|show|edit|estimate|members|export|delete`. */
export function registerAudience(program: Command): void {
  const audience = program
    .command('audience')
    .description('saved rules selecting customers: create, estimate, list members, export');

  audience
    .command('templates')
    .description('the audiences offered in one click, with their rules in --json')
    .action(async (_flags: object, command: Command) => {
      const output = outputFor(command);
      const project = await openProject(globalOptions(command).project);
      const templates = audienceTemplates(project.config);
      output.result({ templates }, () => describeTemplates(templates));
    });

  audience
    .command('list')
    .description('every audience: size, change since the last refresh, CLV sums')
    .action(async (_flags: object, command: Command) => {
      const output = outputFor(command);
      const audiences = await withProjectStore(
        command,
        (_project, warehouse) => listAudiences(warehouse),
        async (server) =>
          (await server.get<{ audiences: AudienceSummary[] }>('/audiences')).audiences,
      );
      output.result({ audiences }, () => describeAudienceList(audiences));
    });

  audience
    .command('show')
    .description('one audience: rule, figures and versions')
    .argument('<id>', 'the audience id (aud_…)')
    .action(async (id: string, _flags: object, command: Command) => {
      const output = outputFor(command);
      const found = await withProjectStore(
        command,
        (_project, warehouse) => getAudience(warehouse, id),
        (server) => server.get<Audience>(idPath(id)),
      );
      output.result(found, () => describeAudience(found));
    });

  writeOptions(audience.command('create'))
    .description(
      'save a rule as an audience (--rule or --template); evaluated at once after a refresh',
    )
    .action(async (flags: WriteFlags, command: Command) => {
      const output = outputFor(command);
      const input = await audienceInput(flags);
      const created = await withProjectStore(
        command,
        (project, warehouse) => createAudience(warehouse, project.config, input, LOCAL_OWNER),
        // The API takes a whole body: a template fills in what the options leave out.
        (server, project) =>
          server.send<Audience>('POST', '/audiences', withTemplate(input, project)),
      );
      output.result(created, () => describeAudience(created));
    });

  writeOptions(audience.command('edit'))
    .description('change an audience: a new version with the options given')
    .argument('<id>', 'the audience id (aud_…)')
    .action(async (id: string, flags: WriteFlags, command: Command) => {
      const output = outputFor(command);
      const input = await audienceInput(flags);
      const edited = await withProjectStore(
        command,
        (project, warehouse) => editAudience(warehouse, project.config, id, input, LOCAL_OWNER),
        (server) => server.send<Audience>('POST', idPath(id), input),
      );
      output.result(edited, () => describeAudience(edited));
    });

  audience
    .command('estimate')
    .description('who a rule selects on the latest refresh: count, share, CLV sums, a sample')
    .option('--rule <rule>', 'the rule: a JSON file, - for standard input, or the JSON itself')
    .option('--template <key>', "a template's rule")
    .option('--audience <id>', 'the audience being edited (its own rule may not refer to it)')
    .action(async (flags: RuleFlags & { audience?: string }, command: Command) => {
      const output = outputFor(command);
      const project = await openProject(globalOptions(command).project);
      const body = { rule: await estimateRule(flags, project), audienceId: flags.audience };
      const estimate = await withProjectStore(
        command,
        (_project, warehouse) => estimateAudience(warehouse, project.config, body),
        (server) => server.send<AudienceEstimate>('POST', '/audiences/estimate', body),
      );
      output.result(estimate, () => describeEstimate(estimate));
    });

  audience
    .command('members')
    .description('the current members, highest predicted CLV first')
    .argument('<id>', 'the audience id (aud_…)')
    .option('--limit <n>', 'members per page, 1-1000 (default 50)')
    .option('--offset <n>', 'members to skip (default 0)')
    .action(async (id: string, flags: { limit?: string; offset?: string }, command: Command) => {
      const output = outputFor(command);
      const page = {
        limit: pageNumber(flags.limit, '--limit', 50),
        offset: pageNumber(flags.offset, '--offset', 0),
      };
      const members = await withProjectStore(
        command,
        (_project, warehouse) => audienceMembers(warehouse, id, page),
        (server) => server.get<MemberPage>(`${idPath(id)}/members`, page),
      );
      output.result(members, () => describeMembers(members, page.offset));
    });

  audience
    .command('export')
    .description('the whole current membership as CSV, to standard output or --output FILE')
    .argument('<id>', 'the audience id (aud_…)')
    .option('--output <file>', 'write the CSV to this file')
    .action(async (id: string, flags: { output?: string }, command: Command) => {
      const output = outputFor(command);
      await withProjectStore(
        command,
        async (_project, warehouse) => {
          const csv = await openMembersCsv(warehouse, id);
          await pipeline(
            Readable.from(csv),
            flags.output ? createWriteStream(flags.output) : process.stdout,
            { end: flags.output !== undefined },
          );
        },
        async (server) => {
          const response = await fetch(`${server.line.api}${idPath(id)}/members?format=csv`, {
            headers: authorization(),
          });
          if (!response.ok || !response.body) {
            throw new ClvError(
              'failure',
              `the running clv serve answered ${response.status}: ${await response.text()}`,
            );
          }
          await pipeline(
            Readable.fromWeb(response.body),
            flags.output ? createWriteStream(flags.output) : process.stdout,
            { end: flags.output !== undefined },
          );
        },
      );
      if (flags.output) output.note(`wrote ${flags.output}`);
    });

  audience
    .command('delete')
    .description('delete an audience (refused while another audience’s rule uses it)')
    .argument('<id>', 'the audience id (aud_…)')
    .action(async (id: string, _flags: object, command: Command) => {
      const output = outputFor(command);
      const deleted = await withProjectStore(
        command,
        (_project, warehouse) => deleteAudience(warehouse, id),
        (server) => server.send<{ deleted: string }>('DELETE', idPath(id)),
      );
      output.result(deleted, () => `deleted ${deleted.deleted}`);
    });
}

function authorization(): Record<string, string> {
  const key = process.env[API_KEY_VARIABLE];
  return key ? { authorization: `Bearer ${key}` } : {};
}
