import type { ModelReport } from '../../api/types';
import type { ApiState } from '../../api/use-api';
import type { FormatContext } from '../../format/format';
import { ChartCard } from '../chart-card/ChartCard';
import { DataTableCard } from '../table-card/DataTableCard';
import { candidateGroupsView } from './candidate-groups-options';
import { candidatesTable, selectionPeriod } from './model-selection-table';
import './model-selection.css';

/**
 * How `auto` chose the purchase model: the candidates' scores on the holdout as a table, and
 * their per-frequency calibration as a chart. Shown only when `auto` made the choice.
 */
export function ModelSelectionCards({
  state,
  context,
}: {
  state: ApiState<ModelReport> & { reload?(): void };
  context: FormatContext;
}) {
  const selection = state.status === 'ready' ? state.data.selection : null;
  if (state.status === 'ready' && (!selection || selection.candidates.length === 0)) return null;
  const subtitle = selection ? selectionPeriod(selection, context) : null;
  return (
    <>
      <DataTableCard
        id="model-selection"
        title="How the purchase model was chosen"
        subtitle={subtitle ?? selection?.because}
        state={state}
        build={(report) => (report.selection ? candidatesTable(report.selection) : EMPTY)}
        context={context}
        wide
      />
      <ChartCard
        id="model-selection-groups"
        title="Candidates on the holdout: predicted vs actual purchases"
        subtitle="Mean repeat purchases per customer in the holdout, by repeat purchases before it."
        state={state}
        build={(report) =>
          report.selection
            ? candidateGroupsView(report.selection, context)
            : { option: {}, table: EMPTY }
        }
        isEmpty={(report) => !report.selection?.candidates.some((c) => c.groups.length > 0)}
        empty="No candidate could be fitted on the calibration period."
        context={context}
        height={300}
        wide
      />
    </>
  );
}

const EMPTY = { columns: [], rows: [] };
