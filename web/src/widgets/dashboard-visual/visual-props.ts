import type { Visual } from '../../dashboards/dashboard-types';
import type { SourceTable } from '../../dashboards/source-table';
import type { FormatContext } from '../../format/format';

/** What every visual type draws from: the source's table as the encoding leaves it. */
export interface VisualProps {
  /** Sorted, limited and cut to the visual's columns (visualTable), except for a KPI card. */
  table: SourceTable;
  visual: Visual;
  context: FormatContext;
  title: string;
  height: number;
}
