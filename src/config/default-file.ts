import { defaultConfig } from './schema.js';

/** The commented config that `clv init` writes: the defaults, each key explained. */
export function defaultConfigText(): string {
  const d = defaultConfig();
  const j = (value: unknown): string => JSON.stringify(value);
  return `// clv-dashboard project config. Every key is optional; these are the defaults.
// Comments and trailing commas are allowed. Unknown keys are errors.
{
  // Amounts are converted to this currency with the rates you import (--kind rates).
  "baseCurrency": ${j(d.baseCurrency)},
  // Time stamps without a zone are read in this zone; days and months are counted in it.
  "timezone": ${j(d.timezone)},
  // A customer is active while their latest successful order is less than this many days old.
  "churnWindowDays": ${d.churnWindowDays},
  // Column (or JSON key) names of the core event fields in your files.
  "columns": ${j(d.columns)},
  // Which event type is a purchase, where its fields are, and which status values mean what.
  // statusWhenMissing: the outcome of a purchase event without a status.
  "purchase": {
    "type": ${j(d.purchase.type)}, "orderId": ${j(d.purchase.orderId)}, "amount": ${j(d.purchase.amount)},
    "currency": ${j(d.purchase.currency)}, "status": ${j(d.purchase.status)},
    "successValues": ${j(d.purchase.successValues)}, "canceledValues": ${j(d.purchase.canceledValues)},
    "returnedValues": ${j(d.purchase.returnedValues)}, "statusWhenMissing": ${j(d.purchase.statusWhenMissing)}
  },
  // Consent events: which categories count as email and SMS, which actions mean "subscribed".
  "consent": {
    "type": ${j(d.consent.type)}, "category": ${j(d.consent.category)}, "action": ${j(d.consent.action)},
    "acceptValues": ${j(d.consent.acceptValues)},
    "emailCategories": ${j(d.consent.emailCategories)}, "smsCategories": ${j(d.consent.smsCategories)}
  },
  // Campaign events: where their fields are, which raw action values mean sent, delivered,
  // opened, clicked, unsubscribed and bounced, and the days after a click or an open in which a
  // successful order is attributed to the campaign (the last touch wins).
  "campaign": {
    "type": ${j(d.campaign.type)}, "campaignId": ${j(d.campaign.campaignId)}, "channel": ${j(d.campaign.channel)},
    "action": ${j(d.campaign.action)}, "audienceId": ${j(d.campaign.audienceId)},
    "actionValues": ${j(d.campaign.actionValues)},
    "attribution": ${j(d.campaign.attribution)}
  },
  // Survey answers: score is NPS (0-10), csat is 1-5.
  "survey": ${j(d.survey)},
  // Customer attributes offered as drill-downs on the dashboard.
  "drilldowns": ${j(d.drilldowns)},
  // The attribute that names a customer's acquisition channel (matched with costs.channel for CAC).
  "acquisitionChannelAttribute": ${j(d.acquisitionChannelAttribute)},
  // Predicted CLV: purchase model (auto compares bgnbd, mbgnbd and paretonbd on a holdout of
  // holdoutMonths, null = a quarter of the history up to 12 months, and keeps the best), time
  // unit of the fit (day, week, month), horizon, monthly discount rate and margin (share of
  // revenue that is profit).
  "model": ${j(d.model)},
  // What an import accepts: event times from minTimestamp to maxTimestamp (null: one year after
  // the import), amounts and monthly spend from 0 to maxAmount (also once converted to the base
  // currency). Anything outside is rejected with a reason; a refresh leaves out stored events
  // outside them. memoryLimitMb: the memory the engine may hold during an import (MB, at least
  // 256); past it, the import spills to clv.duckdb.tmp in the project.
  "import": ${j(d.import)},
  // clv serve: largest request body (MB), requests per minute per API key, host names besides
  // the listening address that requests may be addressed to (e.g. a proxy's), largest answer
  // (MB) and memory for cached answers (MB).
  "server": ${j(d.server)},
  // Refresh schedule while clv serve runs (cron in the project's zone, or null), and the pause
  // after ingested events before the refresh they trigger.
  "refresh": ${j(d.refresh)}
}
`;
}
