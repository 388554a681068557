import type { ComputedStep } from '../model/derived-table.js';
import { TABLE } from '../model/table-names.js';
import type { Warehouse } from '../store/warehouse.js';
import { buildDaily, buildFunnel } from './campaign-count-tables.js';
import { buildLift } from './campaign-lift-table.js';
import { campaignScratch, dropScratch } from './campaign-scratch.js';
import {
  buildAttributions,
  buildKeys,
  buildRecipients,
  type LeftOut,
} from './campaign-touch-tables.js';
import { buildWinback } from './campaign-winback-table.js';
import { buildClvMovement } from './clv-movement.js';

/**
 * The refresh step after the features: the campaign response analysis (docs/metrics.md,
 * Campaigns). Every count is aggregated by the engine; only the lift and winback statistics,
 * a few rows, are computed here, and stored with their intervals so that a read is cheap.
 * `campaign_state` holds the windows the tables were built with, the as-of instant and why the
 * CLV movement is empty, if it is.
 */
export const campaignsStep: ComputedStep = async (context) => {
  // Every reader of these tables orders what it reads, and not keeping the order of millions
  // of grouped rows lets the engine write them in parallel: a quarter off the recipients' rows.
  await context.warehouse.run('SET preserve_insertion_order = false');
  // Choosing and applying a string compression for millions of distinct customer ids cost
  // more than half of writing the recipients' rows (0.8 s of them at 1 M customers, 0.3 s
  // without): the step writes plain strings, three times the size (24 MB instead of 8).
  await context.warehouse.run("SET disabled_compression_methods = 'fsst,dictionary,dict_fsst'");
  try {
    return await buildCampaignTables(context);
  } finally {
    await context.warehouse.run('RESET disabled_compression_methods');
    await context.warehouse.run('RESET preserve_insertion_order');
  }
};

const buildCampaignTables: ComputedStep = async ({ warehouse, config, schema }) => {
  const scratch = campaignScratch(warehouse, schema);
  try {
    const left = await buildKeys(warehouse, config, scratch);
    await buildAttributions(warehouse, config, schema, scratch);
    await buildRecipients(warehouse, schema, scratch);
    await buildFunnel(warehouse, config, schema, scratch);
    await buildDaily(warehouse, config, schema, scratch);
    const liftRows = await buildLift(warehouse, config, schema, scratch);
    const winbackRows = await buildWinback(warehouse, schema);
    await dropScratch(warehouse, scratch);
    const clvReason = await buildClvMovement({ warehouse, config, schema });
    await warehouse.run(
      `CREATE TABLE ${schema}.${TABLE.campaignState} AS
       SELECT (SELECT as_of FROM ${schema}.${TABLE.storeAsOf}) AS as_of,
              $clickDays::DOUBLE AS click_days, $openDays::DOUBLE AS open_days,
              $clvReason::VARCHAR AS clv_movement_reason, $unmapped::BIGINT AS unmapped_events`,
      {
        clickDays: config.campaign.attribution.clickDays,
        openDays: config.campaign.attribution.openDays,
        clvReason,
        unmapped: left.unmapped + left.noCampaign,
      },
    );
    const count = (name: string) => rowCount(warehouse, `${schema}.${name}`);
    return {
      tables: [
        { name: TABLE.campaignRecipients, rows: await count(TABLE.campaignRecipientRows) },
        { name: TABLE.campaignAttributions, rows: await count(TABLE.campaignAttributions) },
        { name: TABLE.campaignFunnel, rows: await count(TABLE.campaignFunnel) },
        { name: TABLE.campaignDaily, rows: await count(TABLE.campaignDaily) },
        { name: TABLE.campaignLift, rows: liftRows },
        { name: TABLE.campaignWinback, rows: winbackRows },
        { name: TABLE.campaignClvMovement, rows: await count(TABLE.campaignClvMovement) },
        { name: TABLE.campaignState, rows: 1 },
      ],
      warnings: leftOutWarnings(left),
    };
  } finally {
    await dropScratch(warehouse, scratch);
  }
};

function leftOutWarnings(left: LeftOut): string[] {
  const warnings: string[] = [];
  if (left.unmapped > 0) {
    const examples = left.examples.map((value) => JSON.stringify(value)).join(', ');
    warnings.push(
      `${left.unmapped} campaign events have an action that campaign.actionValues does not map ` +
        `(${examples}${left.moreExamples ? ', …' : ''}) and were left out ` +
        `of the campaign analysis`,
    );
  }
  if (left.noCampaign > 0) {
    warnings.push(
      `${left.noCampaign} campaign events have no campaign id and were left out of the campaign analysis`,
    );
  }
  return warnings;
}

async function rowCount(warehouse: Warehouse, table: string): Promise<number> {
  const [row] = await warehouse.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return row?.n ?? 0;
}
