import type { Command } from 'commander';
import { campaignReport } from '../../campaigns/campaign-report.js';
import type { CampaignList, CampaignReport } from '../../campaigns/campaign-types.js';
import { listCampaigns } from '../../campaigns/list-campaigns.js';
import { outputFor, withProjectStore } from '../context.js';
import { describeCampaignList, describeCampaignReport } from './campaigns-text.js';

/** Adds `clv campaigns [list|show ID]`: the campaigns' funnels, attribution, lift and winback. */
export function registerCampaigns(program: Command): void {
  const campaigns = program
    .command('campaigns')
    .description('campaign responses: funnels, attributed revenue, lift against control groups');

  campaigns
    .command('list', { isDefault: true })
    .description('campaigns first sent in the period, newest first, and the winback report')
    .option('--from <date>', 'campaigns first sent on or after this day (YYYY-MM-DD)')
    .option('--to <date>', 'campaigns first sent on or before this day (YYYY-MM-DD)')
    .action(async (flags: { from?: string; to?: string }, command: Command) => {
      const period = { from: flags.from, to: flags.to };
      const output = outputFor(command);
      const [list, currency] = await withProjectStore(
        command,
        async (project, warehouse) =>
          [
            await listCampaigns(warehouse, project.config, period),
            project.config.baseCurrency,
          ] as const,
        async (server, project) =>
          [
            await server.get<CampaignList>('/campaigns', period),
            project.config.baseCurrency,
          ] as const,
      );
      output.result(list, () => describeCampaignList(list, currency));
    });

  campaigns
    .command('show')
    .description('one campaign: funnel per audience and channel, lift, days, CLV movement')
    .argument('<id>', 'the campaign id')
    .action(async (id: string, _flags: unknown, command: Command) => {
      const output = outputFor(command);
      const [report, currency] = await withProjectStore(
        command,
        async (project, warehouse) =>
          [
            await campaignReport(warehouse, project.config, id),
            project.config.baseCurrency,
          ] as const,
        async (server, project) =>
          [
            await server.get<CampaignReport>(`/campaigns/${encodeURIComponent(id)}`),
            project.config.baseCurrency,
          ] as const,
      );
      output.result(report, () => describeCampaignReport(report, currency));
    });
}
