import { finiteOrNull } from '../shared/finite.js';
import type { Warehouse } from '../store/warehouse.js';
import type { DayHistories } from './model-input.js';

/**
 * (Re)creates the temp table `name` with one row per distinct history — its key (frequency,
 * recency_days, age_days) and a DOUBLE column per entry of `columns`, aligned with the
 * histories — so SQL can join the values back to every customer. Values that are not finite
 * numbers, and every value of a column given as null, are stored as NULL.
 */
export async function writeHistoryTable(
  warehouse: Warehouse,
  name: string,
  histories: DayHistories,
  columns: Record<string, ArrayLike<number> | null>,
): Promise<void> {
  const names = Object.keys(columns);
  const values = Object.values(columns);
  await warehouse.scratch.withColumns(name, [
    ['frequency', 'integer'],
    ['recency_days', 'integer'],
    ['age_days', 'integer'],
    ...names.map((column) => [column, 'double'] as const),
  ]);
  await warehouse.append(
    name,
    (function* () {
      for (let i = 0; i < histories.frequency.length; i++) {
        yield [
          histories.frequency[i] ?? 0,
          histories.recencyDays[i] ?? 0,
          histories.ageDays[i] ?? 0,
          ...values.map((column) => finiteOrNull(column?.[i])),
        ];
      }
    })(),
  );
}
