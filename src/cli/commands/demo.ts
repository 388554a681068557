import { InvalidArgumentError, type Command } from 'commander';
import { runDemo } from '../../demo/run-demo.js';
import { storeOverview, type StoreOverview } from '../../store/store-overview.js';
import { globalOptions, openCommandStore, outputFor } from '../context.js';
import { table } from '../output.js';
import { stepProgressBar } from '../progress-bar.js';
import { describeImport } from './import.js';
import { initProject } from '../../config/init-project.js';

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return n;
}

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('must be a whole number');
  return n;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('create a realistic demo shop in the project (deterministic for a seed)')
    .option('--customers <n>', 'number of customers', positiveInteger, 20_000)
    .option('--seed <s>', 'random seed', integer, 1)
    .action(async (options: { customers: number; seed: number }, command: Command) => {
      const output = outputFor(command);
      const { project } = await initProject(globalOptions(command).project, (project) =>
        openCommandStore(command, project),
      );
      const warehouse = await openCommandStore(command, project);
      try {
        output.note(`generating ${options.customers} customers (seed ${options.seed}) …`);
        const bar = output.json ? null : stepProgressBar('demo');
        const imports = await runDemo(warehouse, project, options, bar?.step).finally(() =>
          bar?.done(),
        );
        const overview = await storeOverview(warehouse);
        output.result({ project: project.dir, imports, overview }, () =>
          [
            ...imports.map(describeImport),
            describeOverview(overview, project.config.baseCurrency),
          ].join('\n\n'),
        );
      } finally {
        await warehouse.close();
      }
    });
}

/** The store's headline numbers for people. */
export function describeOverview(overview: StoreOverview, currency: string): string {
  const money = new Intl.NumberFormat('en', { style: 'currency', currency }).format(
    overview.revenue,
  );
  return [
    `The store holds:`,
    table([
      ['customers', overview.customers],
      ['events', overview.events],
      ...Object.entries(overview.eventsByKind).map(([kind, n]): [string, number] => [
        `  ${kind}`,
        n,
      ]),
      ['orders (any status)', overview.orders],
      ['order value (any status)', money],
      ['first event', overview.firstEvent ?? '-'],
      ['last event', overview.lastEvent ?? '-'],
    ]),
  ].join('\n');
}
