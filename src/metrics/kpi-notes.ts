import type { AbsentReason } from './absent-reasons.js';
import type { KpiKey } from './catalog.js';
import { startsEarly } from './history-start.js';
import type { ChurnFigures } from './monthly-churn.js';
import type { PeriodFigures, YearFigures } from './period-figures.js';

/** Why a KPI has no value, and whether its churn rests on months too early to show churn. */
export interface KpiNote {
  reason: AbsentReason | null;
  insufficientHistory: boolean;
}

export type KpiNotes = Record<KpiKey, KpiNote>;

/** What the notes are decided from, beside the values themselves. */
export interface NoteInputs {
  figures: PeriodFigures;
  /** The rolling window's months (empty when no whole month fits in the period) and their churn. */
  window: readonly string[];
  churn: ChurnFigures | undefined;
  year: YearFigures | null;
  spend: number | null;
  /** Whether spend can be attributed to the segment at all. */
  attributable: boolean;
  clvPredicted: number | null;
  /** See `fullHistoryFrom`. */
  historyFrom: string | null;
}

/** KPIs that count the period's own orders: a period without any says so. */
const OF_PERIOD: readonly KpiKey[] = [
  'revenue',
  'orders',
  'buyers',
  'apv',
  'purchaseFrequency',
  'cancelRate',
  'returnRate',
  'newBuyers',
  'returningBuyers',
  'retentionRate',
];

/** The note of each KPI given its value (a reason only where the value is null, or no orders). */
export function kpiNotesOf(values: Record<KpiKey, number | null>, inputs: NoteInputs): KpiNotes {
  const { figures: f, window, churn } = inputs;
  const noOrders = f.orders + f.canceled + f.returned === 0;
  const rolling = (): AbsentReason => {
    if (window.length === 0) return 'no-full-month';
    if (churn?.meanChurn == null || churn.meanArpu === null) return 'no-active-customers';
    return 'no-churn';
  };
  const cac = (): AbsentReason => {
    if (!inputs.attributable) return 'not-attributable';
    if (inputs.spend === null) return 'no-spend';
    return 'no-new-buyers';
  };
  const reasonFor = (key: KpiKey): AbsentReason | null => {
    if (noOrders && OF_PERIOD.includes(key)) return 'no-orders';
    if (values[key] !== null) return null;
    switch (key) {
      case 'apv':
      case 'purchaseFrequency':
        return 'no-successful-orders';
      case 'retentionRate':
        return 'no-previous-buyers';
      case 'repeatRate':
      case 'clvHistoric':
        return 'no-buyers-yet';
      case 'churn':
      case 'arpu':
        return window.length === 0 ? 'no-full-month' : 'no-active-customers';
      case 'clvRolling':
        return rolling();
      case 'clvSimple':
        return inputs.year && inputs.year.orders > 0 ? rolling() : 'no-year-orders';
      case 'clvPredicted':
        return 'no-predictions';
      case 'cac':
        return cac();
      case 'clvToCac':
        return values.cac === null ? cac() : rolling();
      default:
        return 'no-orders';
    }
  };
  // Churn rests on the window's months that had customers active at their start.
  const early = (churn?.months ?? []).some(
    (m) => m.churn !== null && startsEarly(m.month, inputs.historyFrom),
  );
  const onChurn: Partial<Record<KpiKey, boolean>> = {
    churn: early,
    clvRolling: early,
    clvSimple: early,
    clvToCac: early && inputs.clvPredicted === null,
  };
  const notes = {} as KpiNotes;
  for (const key of Object.keys(values) as KpiKey[]) {
    notes[key] = { reason: reasonFor(key), insufficientHistory: onChurn[key] ?? false };
  }
  return notes;
}
