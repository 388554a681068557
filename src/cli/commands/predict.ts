import type { Command } from 'commander';
import type { HoldoutReport } from '../../predictions/holdout.js';
import { predictReport, type PredictReport } from '../../predictions/predict-report.js';
import { outputFor, withProjectStore } from '../context.js';
import { stepProgressBar } from '../progress-bar.js';
import { describePredict } from './predict-text.js';

export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description(
      'show the fitted purchase and spend models behind customer_predictions, and check them on a holdout period',
    )
    .option(
      '--model <name>',
      'bgnbd, mbgnbd or paretonbd (purchase models; default: the one of the last refresh), or sbg for the retention of monthly cohorts (subscriptions)',
    )
    .option(
      '--holdout-from <date>',
      'fit on the orders before this day, YYYY-MM-DD, and compare the predicted purchases from then on with the actual ones (the report is stored)',
    )
    .action(async (options: { model?: string; holdoutFrom?: string }, command: Command) => {
      const output = outputFor(command);
      const report = await withProjectStore(
        command,
        async (project, warehouse) => {
          // Fitting again on the orders before the holdout takes a while on a large shop.
          const bar =
            output.json || options.holdoutFrom === undefined ? null : stepProgressBar('predict');
          bar?.step(`fitting on the orders before ${options.holdoutFrom ?? ''}`, 0, 1);
          try {
            return await predictReport(warehouse, project.config, options);
          } finally {
            bar?.done();
          }
        },
        async (server) => {
          const shown = await server.get<PredictReport>('/model', { model: options.model });
          if (options.holdoutFrom === undefined) return shown;
          // The server stores the check as `clv predict --holdout-from` does.
          const holdout = await server.send<HoldoutReport | null>('POST', '/model/holdout', {
            holdoutFrom: options.holdoutFrom,
            ...(options.model === undefined ? {} : { model: options.model }),
          });
          return { ...shown, holdout };
        },
      );
      output.result(report, () => describePredict(report));
    });
}
