import type { Command } from 'commander';
import { atRiskCustomers } from '../../customers/at-risk-customers.js';
import { customerProfile, type CustomerProfile } from '../../customers/customer-profile.js';
import { checkPaging, type PageRequest } from '../../customers/paging.js';
import { searchCustomers } from '../../customers/search-customers.js';
import { topCustomers, type TopBasis } from '../../customers/top-customers.js';
import { ClvError } from '../../shared/errors.js';
import { outputFor, withProjectStore } from '../context.js';
import { describeCustomerList, describeProfile } from './customers-text.js';

interface PageFlags {
  limit?: string;
  offset?: string;
}

// Checked here as well as in the services so that an error names the option the user typed.
function paging(flags: PageFlags): PageRequest {
  const request = {
    limit: number(flags.limit, '--limit'),
    offset: number(flags.offset, '--offset'),
  };
  return checkPaging(request, { limit: '--limit', offset: '--offset' });
}

function number(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || Number.isNaN(value)) {
    throw new ClvError('bad_input', `${option} must be a number, not "${text}"`);
  }
  return value;
}

function attribute(text: string | undefined): { name: string; value: string } | undefined {
  if (text === undefined) return undefined;
  const at = text.indexOf('=');
  if (at <= 0) throw new ClvError('usage', `--attribute must be NAME=VALUE, not "${text}"`);
  return { name: text.slice(0, at), value: text.slice(at + 1) };
}

function basis(value: string): TopBasis {
  if (value === 'predicted' || value === 'historic') return value;
  throw new ClvError('usage', `--by must be predicted or historic, not "${value}"`);
}

function withPaging(command: Command, what: string): Command {
  return command
    .option('--limit <n>', `${what} per page, 1-500 (default 50)`)
    .option('--offset <n>', `${what} to skip (default 0)`);
}

/** Adds `clv customers search|top|at-risk|show`: the customer lists and one customer's profile. */
export function registerCustomers(program: Command): void {
  const customers = program
    .command('customers')
    .description('find customers, rank them by value, list valuable ones at risk, show one');

  withPaging(customers.command('search'), 'customers')
    .description('customers whose id contains Q (any case) and with an attribute value')
    .argument('[q]', 'part of the customer id')
    .option('--attribute <name=value>', 'only customers whose attribute NAME equals VALUE')
    .action(async (q: string | undefined, flags: PageFlags & { attribute?: string }, command) => {
      const options = { q, attribute: attribute(flags.attribute), ...paging(flags) };
      const output = outputFor(command);
      const page = await withProjectStore(
        command,
        (project, warehouse) => searchCustomers(warehouse, project.config, options),
        (server) =>
          server.get<Awaited<ReturnType<typeof searchCustomers>>>('/customers', {
            q,
            attribute: options.attribute?.name,
            value: options.attribute?.value,
            limit: options.limit,
            offset: options.offset,
          }),
      );
      output.result(page, () => describeCustomerList(page));
    });

  withPaging(customers.command('top'), 'customers')
    .description('customers of highest predicted or historic CLV')
    .option('--by <basis>', 'predicted | historic', 'predicted')
    .action(async (flags: PageFlags & { by: string }, command: Command) => {
      const options = { by: basis(flags.by), ...paging(flags) };
      const output = outputFor(command);
      const page = await withProjectStore(
        command,
        (project, warehouse) => topCustomers(warehouse, project.config, options),
        (server) =>
          server.get<Awaited<ReturnType<typeof topCustomers>>>('/customers/top', { ...options }),
      );
      output.result(page, () => describeCustomerList(page));
    });

  withPaging(customers.command('at-risk'), 'customers')
    .description(
      'customers in the top 20 % by historic or predicted CLV whom the model thinks likely lost',
    )
    .option('--min-churn-risk <p>', 'lowest churn risk listed, 0-1 (default 0.5)')
    .action(async (flags: PageFlags & { minChurnRisk?: string }, command: Command) => {
      const minChurnRisk =
        flags.minChurnRisk === undefined ? undefined : Number(flags.minChurnRisk);
      const options = { minChurnRisk, ...paging(flags) };
      const output = outputFor(command);
      const page = await withProjectStore(
        command,
        (project, warehouse) => atRiskCustomers(warehouse, project.config, options),
        (server) =>
          server.get<Awaited<ReturnType<typeof atRiskCustomers>>>('/customers/at-risk', {
            ...options,
          }),
      );
      output.result(page, () => describeCustomerList(page));
    });

  withPaging(customers.command('show'), 'events')
    .description('one customer: attributes, consents, orders, prediction and events, newest first')
    .argument('<id>', 'the customer id')
    .action(async (id: string, flags: PageFlags, command: Command) => {
      const { limit, offset } = paging(flags);
      const output = outputFor(command);
      const profile = await withProjectStore(
        command,
        (project, warehouse) =>
          customerProfile(warehouse, project.config, id, {
            eventsLimit: limit,
            eventsOffset: offset,
          }),
        (server) =>
          server.get<CustomerProfile>(`/customers/${encodeURIComponent(id)}`, {
            eventsLimit: limit,
            eventsOffset: offset,
          }),
      );
      output.result(profile, () => describeProfile(profile));
    });
}
