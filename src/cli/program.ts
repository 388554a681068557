import type { Command } from 'commander';
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
import { baseProgram } from './program-base.js';

/** The whole `clv` command line, every command registered (for help and for the tests). */
export function buildProgram(): Command {
  const program = baseProgram();
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
