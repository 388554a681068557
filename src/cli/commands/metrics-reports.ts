import type { Command } from 'commander';
import type { Project } from '../../config/project.js';
import { channelsReport } from '../../metrics/reports/channels.js';
import { cohortsReport } from '../../metrics/reports/cohorts.js';
import { decilesReport, type DecileBasis } from '../../metrics/reports/deciles.js';
import { npsReport } from '../../metrics/reports/nps.js';
import { rfmReport } from '../../metrics/reports/rfm.js';
import { ClvError } from '../../shared/errors.js';
import type { Warehouse } from '../../store/warehouse.js';
import { outputFor, withProjectStore } from '../context.js';
import type { QueryValues } from '../remote-server.js';
import {
  describeChannels,
  describeCohorts,
  describeDeciles,
  describeNps,
  describeRfm,
} from './metrics-reports-text.js';

const TO = '--to <date>';
const TO_HELP = 'as of this date, YYYY-MM-DD (default: the end of the default period)';

/**
 * A sub-command's option. When `metrics` itself declares an option of the same name, commander
 * hands it to `metrics` even when it is written after the sub-command, so look there too.
 */
function option(command: Command, name: string): string | undefined {
  const own: unknown = command.opts()[name];
  const parent = command.parent;
  const inherited: unknown =
    parent?.getOptionValueSource(name) === 'cli' ? parent.opts()[name] : undefined;
  const value = own ?? inherited;
  return typeof value === 'string' ? value : undefined;
}

function basis(value: string | undefined): DecileBasis {
  if (value === undefined || value === 'revenue' || value === 'predicted') {
    return value ?? 'revenue';
  }
  throw new ClvError('usage', `--by must be revenue or predicted, not "${value}"`);
}

/** Runs one report in the project's store and prints it as JSON or as text. */
async function print<T>(
  command: Command,
  compute: (project: Project, warehouse: Warehouse) => Promise<T>,
  describe: (report: T) => string,
  remote: { path: string; query: QueryValues },
): Promise<void> {
  const output = outputFor(command);
  const report = await withProjectStore(command, compute, (server) =>
    server.get<T>(remote.path, remote.query),
  );
  output.result(report, () => describe(report));
}

/** Adds the sub-reports (cohorts, deciles, rfm, channels, nps) to the `metrics` command. */
export function registerMetricsReports(metrics: Command): void {
  metrics
    .command('cohorts')
    .description('customers by month of first order: retention and revenue per month since')
    .option(TO, TO_HELP)
    .action(async (_options: unknown, command: Command) => {
      const to = option(command, 'to');
      await print(command, (p, w) => cohortsReport(w, p.config, { to }), describeCohorts, {
        path: '/metrics/cohorts',
        query: { to },
      });
    });
  metrics
    .command('deciles')
    .description('buyers in ten groups ranked by lifetime revenue or predicted CLV')
    .option(TO, TO_HELP)
    .option('--by <basis>', 'revenue | predicted (default: revenue)')
    .action(async (_options: unknown, command: Command) => {
      const options = { to: option(command, 'to'), by: basis(option(command, 'by')) };
      await print(command, (p, w) => decilesReport(w, p.config, options), describeDeciles, {
        path: '/metrics/deciles',
        query: options,
      });
    });
  metrics
    .command('rfm')
    .description('recency, frequency and monetary scores 1-5 and the named groups they make')
    .option(TO, TO_HELP)
    .action(async (_options: unknown, command: Command) => {
      const to = option(command, 'to');
      await print(command, (p, w) => rfmReport(w, p.config, { to }), describeRfm, {
        path: '/metrics/rfm',
        query: { to },
      });
    });
  metrics
    .command('channels')
    .description('per acquisition channel over a period: new buyers, spend, CAC, CLV:CAC, payback')
    .option('--from <date>', 'first day of the period, YYYY-MM-DD')
    .option(TO, 'the day after the period, YYYY-MM-DD (default: the default period)')
    .action(async (_options: unknown, command: Command) => {
      const period = { from: option(command, 'from'), to: option(command, 'to') };
      await print(command, (p, w) => channelsReport(w, p.config, period), describeChannels, {
        path: '/metrics/channels',
        query: period,
      });
    });
  metrics
    .command('nps')
    .description("net promoter score from each customer's latest answer, and each group's value")
    .option(TO, TO_HELP)
    .action(async (_options: unknown, command: Command) => {
      const to = option(command, 'to');
      await print(command, (p, w) => npsReport(w, p.config, { to }), describeNps, {
        path: '/metrics/nps',
        query: { to },
      });
    });
}
