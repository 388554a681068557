import type { CustomerProfile } from '../../api/types';
import { formatValue, type FormatContext } from '../../format/format';
import { Fact } from './Fact';
import {
  horizonText,
  nextPurchaseText,
  predictionStatus,
  spendIntervalText,
} from './prediction-text';
import './customer-profile.css';

/**
 * The model's view of the customer: predicted CLV with the 90 % interval of its expected
 * value, the 90 % predictive interval of their spend, P(alive) and the next purchase. A value
 * the models could not give says so, with the server's reason (`data-reason`, and on hover).
 */
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
  const status = p ? predictionStatus(p) : null;
  const reason = p?.reason ?? null;
  const horizon = horizonMonths ? ` (next ${horizonMonths} months)` : '';
  const missing = (
    <span className="missing" title={reason ?? undefined} data-reason={reason ?? ''}>
      not available
    </span>
  );
  const shown = (value: number | null, format: 'money' | 'percent' | 'decimal') =>
    value === null ? missing : formatValue(value, format, context);
  const spend = p ? spendIntervalText(p, horizonMonths, context) : null;
  const next = p ? nextPurchaseText(p, horizonMonths, context) : null;
  return (
    <section
      className="card profile-card"
      data-widget="customer-prediction"
      data-status={p?.status ?? 'none'}
      aria-labelledby="prediction-title"
    >
      <h2 id="prediction-title">
        Prediction{' '}
        {status && (
          <span className={`badge ${status.tone}`} data-role="prediction-status">
            {status.title}
          </span>
        )}
      </h2>
      {!p ? (
        <p className="subtitle" data-field="prediction" data-value="">
          No prediction: the customer has no successful order, or no model is fitted yet.
        </p>
      ) : (
        <>
          {status && (
            <p className="prediction-reason" data-role="prediction-reason">
              {status.text}
            </p>
          )}
          <dl className="facts">
            <Fact field="predictedClv" label={`Predicted CLV${horizon}`} value={p.predictedClv}>
              {p.predictedClv === null ? (
                missing
              ) : (
                <strong>{shown(p.predictedClv, 'money')}</strong>
              )}
            </Fact>
            <Fact
              field="predictedClvInterval"
              label="90 % interval of the expected value"
              value={null}
            >
              {p.predictedClvLow === null || p.predictedClvHigh === null ? (
                missing
              ) : (
                <>
                  <span data-field="predictedClvLow" data-value={p.predictedClvLow}>
                    {shown(p.predictedClvLow, 'money')}
                  </span>{' '}
                  –{' '}
                  <span data-field="predictedClvHigh" data-value={p.predictedClvHigh}>
                    {shown(p.predictedClvHigh, 'money')}
                  </span>{' '}
                  <span className="fact-note">(parameter uncertainty only)</span>
                </>
              )}
            </Fact>
            <Fact field="spendInterval" label="Spend, 90 % predictive interval" value={spend}>
              {spend === null ? (
                missing
              ) : (
                <>
                  {spend}
                  <span hidden data-field="spendLow" data-value={p.spendLow ?? ''} />
                  <span hidden data-field="spendHigh" data-value={p.spendHigh ?? ''} />
                </>
              )}
            </Fact>
            <Fact field="pAlive" label="P(alive)" value={p.pAlive}>
              {shown(p.pAlive, 'percent')}
            </Fact>
            <Fact field="churnRisk" label="Churn risk" value={p.churnRisk}>
              {shown(p.churnRisk, 'percent')}
            </Fact>
            <Fact
              field="expectedPurchases"
              label={`Expected purchases${horizon}`}
              value={p.expectedPurchases}
            >
              {shown(p.expectedPurchases, 'decimal')}
            </Fact>
            <Fact field="expectedSpend" label="Expected spend per purchase" value={p.expectedSpend}>
              {shown(p.expectedSpend, 'money')}
            </Fact>
            <Fact field="nextPurchaseDate" label="Next purchase" value={p.nextPurchaseDate}>
              {next ?? missing}
            </Fact>
          </dl>
          <p className="fact-note">
            The predictive interval is what the customer may actually spend in{' '}
            {horizonText(horizonMonths)} (undiscounted, before margin); the interval of the expected
            value covers only the uncertainty of the fitted parameters.
          </p>
        </>
      )}
    </section>
  );
}
