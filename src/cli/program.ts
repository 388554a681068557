import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { registerAudience } from './commands/audience.js';
import { registerAudienceActivation } from './commands/audience-activation.js';
import { registerCampaigns } from './commands/campaigns.js';
import { registerCustomers } from './commands/customers.js';
import { registerDemo } from './commands/demo.js';
import { registerDestination } from './commands/destination.js';
import { registerImport } from './commands/import.js';
import { registerInit } from './commands/init.js';
import { registerKey } from './commands/key.js';
import { registerMetrics } from './commands/metrics.js';
import { registerMetricsReports } from './commands/metrics-reports.js';
import { registerRefresh } from './commands/refresh.js';
import { registerPredict } from './commands/predict.js';
import { registerQueries } from './commands/queries.js';
import { registerQuery } from './commands/query.js';
import { registerServe } from './commands/serve.js';
import { finishHelp } from './help-examples.js';

/** The `clv` command line: every command takes --project DIR and --json. */
export function buildProgram(): Command {
  const program = new Command('clv')
    .description('clv-dashboard: customer lifetime value from your own data')
    .addOption(new Option('--project <dir>', 'the project folder').default('.'))
    .option('--json', 'machine-readable output')
    .version(packageVersion(), '-V, --version', 'print the version of clv')
    // Set before the commands exist, which copy it: their help lists --project and --json too.
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError()
    .exitOverride();
  registerInit(program);
  registerImport(program);
  registerDemo(program);
  registerRefresh(program);
  registerPredict(program);
  registerServe(program);
  registerMetricsReports(registerMetrics(program));
  registerCustomers(program);
  registerAudience(program);
  registerCampaigns(program);
  registerQuery(program);
  registerQueries(program);
  registerKey(program);
  // After registerAudience: these add to its `audience` command.
  registerAudienceActivation(program);
  registerDestination(program);
  finishHelp(program);
  return program;
}

function packageVersion(): string {
  // dist/cli/ and src/cli/ both sit two folders below the package root.
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
