import type { Row, Warehouse } from '../store/warehouse.js';
import { audienceRow } from './audience-store.js';

export interface AudienceDay {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** Members at the end of the day. */
  members: number;
  entered: number;
  exited: number;
}

/** Days shown at most: the latest ones. */
export const HISTORY_DAYS_MAX = 3660;

/**
 * An audience's size over time, one row per UTC day from its first evaluation to its latest
 * (days without an evaluation carry the size over): members at the day's end, and the stays
 * that began and ended that day, from `audience_members`.
 */
export async function audienceHistory(
  warehouse: Warehouse,
  id: string,
): Promise<{ days: AudienceDay[] }> {
  await audienceRow(warehouse, id);
  const days = await warehouse.query<AudienceDay & Row>(
    `WITH span AS (
       SELECT min(evaluated_at)::DATE AS first, max(evaluated_at)::DATE AS last
       FROM audience_evaluations WHERE audience_id = $id AND error IS NULL
     ),
     days AS (
       SELECT unnest(generate_series(
         greatest(span.first, span.last - INTERVAL ($max - 1) DAY)::DATE, span.last, INTERVAL 1 DAY
       ))::DATE AS day
       FROM span WHERE span.first IS NOT NULL
     ),
     entries AS (
       SELECT entered_at::DATE AS day, count(*) AS n FROM audience_members
       WHERE audience_id = $id GROUP BY 1
     ),
     exits AS (
       SELECT exited_at::DATE AS day, count(*) AS n FROM audience_members
       WHERE audience_id = $id AND exited_at IS NOT NULL GROUP BY 1
     ),
     changes AS (
       SELECT day, coalesce(entries.n, 0) AS entered, coalesce(exits.n, 0) AS exited
       FROM entries FULL JOIN exits USING (day)
     ),
     running AS (
       SELECT day, entered, exited,
              sum(entered - exited) OVER (ORDER BY day) AS members
       FROM changes
     )
     SELECT strftime(d.day, '%Y-%m-%d') AS day,
            coalesce((SELECT r.members FROM running r WHERE r.day <= d.day ORDER BY r.day DESC LIMIT 1), 0)::BIGINT AS members,
            coalesce(c.entered, 0)::BIGINT AS entered, coalesce(c.exited, 0)::BIGINT AS exited
     FROM days d LEFT JOIN changes c USING (day) ORDER BY d.day`,
    { id, max: HISTORY_DAYS_MAX },
  );
  return { days };
}
