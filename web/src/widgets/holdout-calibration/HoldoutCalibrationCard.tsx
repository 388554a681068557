import { useHoldout } from '../../api/hooks';
import { today } from '../../app/dates';
import type { FormatContext } from '../../format/format';
import { ChartCard } from '../chart-card/ChartCard';
import { holdoutCalibrationView, holdoutSummary } from './holdout-calibration-options';
import { defaultHoldoutFrom } from './holdout-date';
import { HoldoutForm } from './HoldoutForm';
import './holdout-calibration.css';

/** Predicted against actual mean purchases in the holdout, per calibration frequency group. */
export function HoldoutCalibrationCard({
  context,
  isAdmin,
  dataEnd,
}: {
  context: FormatContext;
  isAdmin: boolean;
  /** The model's last day of data, from which the form suggests a holdout start. */
  dataEnd: string | null;
}) {
  const holdout = useHoldout();
  const report = holdout.status === 'ready' ? holdout.data : null;
  const suggested = defaultHoldoutFrom(dataEnd, today());
  // Keyed by the suggestion: the model's data end may arrive after the holdout's answer.
  const form = isAdmin && (
    <HoldoutForm
      key={suggested}
      defaultDate={suggested}
      maxDate={dataEnd ?? undefined}
      again={report !== null}
    />
  );
  return (
    <ChartCard
      id="holdout-calibration"
      title="Holdout check: predicted vs actual purchases"
      subtitle={report ? holdoutSummary(report, context) : undefined}
      state={holdout}
      // ChartCard builds only data isEmpty lets through, so the null branch is never drawn.
      build={(data) =>
        data
          ? holdoutCalibrationView(data, context)
          : { option: {}, table: { columns: [], rows: [] } }
      }
      isEmpty={(data) => data === null || data.groups.length === 0}
      context={context}
      height={300}
      wide
      footer={form}
      empty={
        <div className="holdout-empty" data-role="no-holdout">
          <p>
            <strong>No holdout check yet.</strong> A holdout check fits the purchase model on the
            orders before a day and compares its predictions with the purchases that followed.
          </p>
          <p>
            Run one with <code>clv predict --holdout-from YYYY-MM-DD</code>
            {isAdmin ? ', or here:' : ' (or ask an admin to run one from this page).'}
          </p>
          {form}
        </div>
      }
    />
  );
}
