import type { ModelSelection } from '../../api/types';
import type { TableData } from '../../format/csv';
import { formatDay, type FormatContext } from '../../format/format';
import { modelName } from '../../format/model-name';

/**
 * `auto`'s candidates side by side, in the order that breaks ties: each one's status, the mean
 * absolute error per customer it was ranked by, its predicted and the actual repeat purchases
 * in the holdout, the error of the total, and why it is not ok.
 */
export function candidatesTable(selection: ModelSelection): TableData {
  return {
    columns: [
      { key: 'model', label: 'Model', format: 'text' },
      { key: 'chosen', label: 'Chosen', format: 'text' },
      { key: 'status', label: 'Status', format: 'text' },
      { key: 'meanAbsoluteError', label: 'Mean absolute error per customer', format: 'precise' },
      { key: 'predictedTotal', label: 'Predicted repeat purchases', format: 'count' },
      { key: 'actualTotal', label: 'Actual repeat purchases', format: 'count' },
      { key: 'totalError', label: 'Error of the total', format: 'percent' },
      { key: 'reason', label: 'Why not ok', format: 'text' },
    ],
    rows: selection.candidates.map((c) => ({
      model: modelName(c.model),
      chosen: c.model === selection.chosen ? 'yes' : 'no',
      status: c.status,
      meanAbsoluteError: c.meanAbsoluteError,
      predictedTotal: c.predictedTotal,
      actualTotal: c.actualTotal,
      totalError: c.totalError,
      reason: c.reason,
    })),
  };
}

/** The comparison's periods in one line, for the card's subtitle; null without a holdout. */
export function selectionPeriod(selection: ModelSelection, context: FormatContext): string | null {
  const { calibrationEnd, holdoutFrom, holdoutEnd } = selection;
  if (selection.method !== 'holdout' || !calibrationEnd || !holdoutFrom || !holdoutEnd) {
    return null;
  }
  const day = (value: string) => formatDay(value, context.locale);
  return (
    `Each candidate fitted on orders to ${day(calibrationEnd)} and scored on ` +
    `${day(holdoutFrom)} – ${day(holdoutEnd)}; the lowest mean absolute error per customer wins.`
  );
}
