import type { CustomerProfile } from '../../api/types';
import { formatDay, formatValue, type FormatContext } from '../../format/format';
import { Fact } from './Fact';
import './customer-profile.css';

/** The model's view of the customer: predicted CLV with its 90 % interval, P(alive), next order. */
export function PredictionCard({
  profile,
  context,
  horizonMonths,
}: {
  profile: CustomerProfile;
  context: FormatContext;
  /** The prediction's horizon, when the model report is at hand. */
  horizonMonths?: number | undefined;
}) {
  const p = profile.prediction;
  const money = (value: number | null) => formatValue(value, 'money', context);
  const percent = (value: number | null) => formatValue(value, 'percent', context);
  const horizon = horizonMonths ? ` (next ${horizonMonths} months)` : '';
  return (
    <section
      className="card profile-card"
      data-widget="customer-prediction"
      aria-labelledby="prediction-title"
    >
      <h2 id="prediction-title">Prediction</h2>
      {!p ? (
        <p className="subtitle" data-field="prediction" data-value="">
          No prediction: the customer has no successful order, or no model is fitted yet.
        </p>
      ) : (
        <dl className="facts">
          <Fact field="predictedClv" label={`Predicted CLV${horizon}`} value={p.predictedClv}>
            <strong>{money(p.predictedClv)}</strong>
          </Fact>
          <Fact field="predictedClvInterval" label="90 % interval" value={null}>
            <span data-field="predictedClvLow" data-value={p.predictedClvLow ?? ''}>
              {money(p.predictedClvLow)}
            </span>{' '}
            –{' '}
            <span data-field="predictedClvHigh" data-value={p.predictedClvHigh ?? ''}>
              {money(p.predictedClvHigh)}
            </span>
          </Fact>
          <Fact field="pAlive" label="P(alive)" value={p.pAlive}>
            {percent(p.pAlive)}
          </Fact>
          <Fact field="churnRisk" label="Churn risk" value={p.churnRisk}>
            {percent(p.churnRisk)}
          </Fact>
          <Fact
            field="expectedPurchases"
            label={`Expected purchases${horizon}`}
            value={p.expectedPurchases}
          >
            {formatValue(p.expectedPurchases, 'decimal', context)}
          </Fact>
          <Fact field="expectedSpend" label="Expected spend per purchase" value={p.expectedSpend}>
            {money(p.expectedSpend)}
          </Fact>
          <Fact
            field="nextPurchaseDate"
            label="Next purchase, if active (median)"
            value={p.nextPurchaseDate}
          >
            {p.nextPurchaseDate ? formatDay(p.nextPurchaseDate, context.locale) : '—'}
          </Fact>
        </dl>
      )}
    </section>
  );
}
