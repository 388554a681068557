import type { Command } from 'commander';
import { finishHelp } from './help-examples.js';
import { baseProgram } from './program-base.js';

type Register = (program: Command) => void;

/**
 * How to register each top-level command, imported only when asked for: loading every command's
 * modules (the server, the models, the query service) took about a second before any command
 * ran, twice what one command needs.
 */
const COMMANDS: Record<string, () => Promise<Register[]>> = {
  init: async () => [(await import('./commands/init.js')).registerInit],
  import: async () => [(await import('./commands/import.js')).registerImport],
  demo: async () => [(await import('./commands/demo.js')).registerDemo],
  refresh: async () => [(await import('./commands/refresh.js')).registerRefresh],
  predict: async () => [(await import('./commands/predict.js')).registerPredict],
  serve: async () => [(await import('./commands/serve.js')).registerServe],
  metrics: async () => {
    const { registerMetrics } = await import('./commands/metrics.js');
    const { registerMetricsReports } = await import('./commands/metrics-reports.js');
    return [(program) => registerMetricsReports(registerMetrics(program))];
  },
  customers: async () => [(await import('./commands/customers.js')).registerCustomers],
  audience: async () => [
    (await import('./commands/audience.js')).registerAudience,
    (await import('./commands/audience-activation.js')).registerAudienceActivation,
  ],
  campaigns: async () => [(await import('./commands/campaigns.js')).registerCampaigns],
  query: async () => [(await import('./commands/query.js')).registerQuery],
  queries: async () => [(await import('./commands/queries.js')).registerQueries],
  key: async () => [(await import('./commands/key.js')).registerKey],
  destination: async () => [(await import('./commands/destination.js')).registerDestination],
};

/**
 * The command line for these arguments: with only the named command registered when the
 * arguments name one, else (no command, help, a misspelt one) the whole program, so that help
 * and "did you mean" see every command.
 */
export async function programFor(argv: readonly string[]): Promise<Command> {
  const name = commandName(argv);
  const load = name === null ? undefined : COMMANDS[name];
  return withCommands(load ? [load] : Object.values(COMMANDS));
}

/** The whole `clv` command line, every command registered (for help and for the tests). */
export function buildProgram(): Promise<Command> {
  return withCommands(Object.values(COMMANDS));
}

async function withCommands(loads: readonly (() => Promise<Register[]>)[]): Promise<Command> {
  const registers = await Promise.all(loads.map((load) => load()));
  const program = baseProgram();
  // In the table's order, which help follows.
  for (const register of registers.flat()) register(program);
  finishHelp(program);
  return program;
}

/** The first argument that is neither a global option nor the value of --project. */
function commandName(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--project') i++;
    else if (!arg.startsWith('-')) return Object.hasOwn(COMMANDS, arg) ? arg : null;
  }
  return null;
}
