import { literal } from '../store/sql-text.js';
import { requiredEventColumns } from './event-fields.js';
import { eventTypeParams, typedEventsSql } from './events-sql.js';
import type { KindContext, KindImporter, KindResult } from './kind-importer.js';
import { rejectsOf } from './rejects.js';
import { requireColumns } from './require-columns.js';

const EVENT_COLUMNS = `event_id, customer_id, type, kind, ts, order_id, amount, original_amount,
  currency, status, consent_category, consent_action, campaign_id, campaign_channel,
  campaign_action, audience_id, survey_score, survey_csat, properties`;

/** Events: validated and typed in SQL, then appended once per event id. */
export const importEvents: KindImporter = async (context: KindContext): Promise<KindResult> => {
  const { warehouse, staged, config, importId, tag } = context;
  requireColumns(staged, requiredEventColumns(config));
  const typed = `typed_${tag}`;
  context.step('validating');
  // Zone-less time stamps are read in the project's zone; the session is UTC otherwise.
  await warehouse.run(`SET TimeZone = ${literal(config.timezone)}`);
  try {
    await warehouse.run(typedEventsSql(staged, config, typed), eventTypeParams(config));
  } finally {
    await warehouse.run(`SET TimeZone = 'UTC'`);
  }
  const [stats] = await warehouse.query<{ valid: number; distinct_ids: number }>(
    `SELECT count(*) AS valid, count(DISTINCT event_id) AS distinct_ids
     FROM ${typed} WHERE reason IS NULL`,
  );
  const valid = stats?.valid ?? 0;
  // The first occurrence of an id in the file wins; the window is skipped when ids are unique.
  const firstOfEachId =
    valid === (stats?.distinct_ids ?? 0)
      ? ''
      : 'QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY line) = 1';
  context.step('storing');
  const inserted = await warehouse.run(
    `INSERT INTO events (${EVENT_COLUMNS}, import_id, source_line)
     SELECT ${EVENT_COLUMNS}, $importId, line FROM ${typed} t
     WHERE reason IS NULL AND NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = t.event_id)
     ${firstOfEachId}`,
    { importId },
  );
  return {
    valid,
    inserted,
    rejects: rejectsOf(staged, typed),
  };
};
