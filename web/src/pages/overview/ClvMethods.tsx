import type { KpiReport } from '../../api/types';
import { reasonText, SHORT_HISTORY } from '../../api/absent-reasons';
import { formatValue, type FormatContext } from '../../format/format';
import { CLV_METHODS } from '../../widgets/kpi-card/clv-methods';

/** The four CLV methods side by side, and the chosen one's formula with its inputs. */
export function ClvMethods({
  kpis,
  context,
  formula,
  span,
}: {
  kpis: KpiReport;
  context: FormatContext;
  formula: string;
  /** When and how far predicted CLV looks ("As of Oct 31, 2026, next 12 months."). */
  span: string;
}) {
  return (
    <>
      <dl className="clv-methods">
        {CLV_METHODS.map(({ key, label }) => (
          <div key={key} data-clv-method={key}>
            <dt>{label}</dt>
            <dd
              className={kpis[key].insufficientHistory.value ? 'short-history' : undefined}
              title={
                kpis[key].insufficientHistory.value
                  ? SHORT_HISTORY
                  : (reasonText(kpis[key].reason) ?? undefined)
              }
            >
              {formatValue(kpis[key].value, 'money', context)}
              {key === 'clvPredicted' && <small data-role="prediction-span"> {span}</small>}
            </dd>
          </div>
        ))}
      </dl>
      <p className="clv-formula" data-role="formula">
        {formula}
      </p>
    </>
  );
}
