import { useAtRisk, useModel, useTopCustomers } from '../../api/hooks';
import { atRiskRule } from '../../rules/prefilled-rules';
import { AudienceFromLinks } from '../../widgets/audience-from/AudienceFromLinks';
import { useDashboard } from '../../app/dashboard-context';
import { formatDay, formatValue } from '../../format/format';
import { modelName } from '../../format/model-name';
import { CustomerListCard } from '../../widgets/customer-table/CustomerListCard';
import { DistributionCards } from '../../widgets/distribution-histogram/DistributionCards';
import { HoldoutCalibrationCard } from '../../widgets/holdout-calibration/HoldoutCalibrationCard';
import { HoldoutValueCard } from '../../widgets/holdout-value/HoldoutValueCard';
import { ModelParametersCard } from '../../widgets/model-parameters/ModelParametersCard';
import { ModelSelectionCards } from '../../widgets/model-selection/ModelSelectionCards';
import { ModelStatusCard } from '../../widgets/model-status/ModelStatusCard';
import { failedReason } from '../../widgets/model-status/model-notices';

/**
 * The models behind predicted CLV: what they rest on in words, how the purchase model was
 * chosen, how well they fit, and the customers they single out.
 */
export default function PredictionsPage() {
  const { status, format, href } = useDashboard();
  const model = useModel();
  const top = useTopCustomers({ by: 'predicted', limit: 20 });
  const atRisk = useAtRisk({ limit: 20 });
  const report = model.status === 'ready' ? model.data : null;
  const states = report?.states ?? [];
  const count = (value: number) => formatValue(value, 'count', format);
  const profileHref = (id: string) => href(`/customers/${encodeURIComponent(id)}`);
  return (
    <div className="page" data-page="predictions">
      <div className="page-title">
        <h1>Predictions</h1>
        {report && (
          <p className="period" data-role="model-summary">
            {modelName(report.purchase?.model ?? report.model)}
            {report.purchase ? '' : ' (not fitted)'}
            {report.spend ? ` with ${modelName(report.spend.model)}` : ''}
            {report.dataEnd ? `, as of ${formatDay(report.dataEnd, format.locale)}` : ''} ·{' '}
            {report.horizonMonths}-month horizon
          </p>
        )}
      </div>
      <div className="grid">
        <ModelStatusCard state={model} change={status.modelChange} />
        <ModelParametersCard state={model} context={format} />
        <ModelSelectionCards state={model} context={format} />
        <HoldoutCalibrationCard
          context={format}
          isAdmin={status.role === 'admin'}
          dataEnd={report?.dataEnd ?? null}
        />
        <HoldoutValueCard context={format} />
        <DistributionCards
          context={format}
          empty={{ pAlive: failedReason(states, 'purchase'), clv: failedReason(states, 'clv') }}
        />
        <CustomerListCard
          id="customer-top"
          title="Top customers by predicted CLV"
          subtitle={
            top.data && `The 20 highest of ${count(top.data.total)} customers with a prediction.`
          }
          state={top}
          context={format}
          profileHref={profileHref}
          empty="No predictions yet."
        />
        <CustomerListCard
          id="customer-at-risk"
          title="High-value customers at risk"
          subtitle={
            <>
              Customers in the top 20 % by historic or predicted CLV with a churn risk of 50 % or
              more, highest historic CLV first
              {atRisk.data && ` (${count(atRisk.data.total)} in all)`}.
            </>
          }
          state={atRisk}
          context={format}
          profileHref={profileHref}
          empty="No high-value customer is at risk."
        />
        <AudienceFromLinks
          id="at-risk-audience"
          starts={[{ label: 'High-value customers at risk', rule: atRiskRule(0.5) }]}
        />
      </div>
    </div>
  );
}
