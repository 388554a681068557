import type { KpiReport } from '../../api/types';
import { formatValue, type FormatContext } from '../../format/format';
import { CLV_METHODS } from '../../widgets/kpi-card/clv-methods';

/** The four CLV methods side by side, and the chosen one's formula with its inputs. */
export function ClvMethods({
  kpis,
  context,
  formula,
}: {
  kpis: KpiReport;
  context: FormatContext;
  formula: string;
}) {
  return (
    <>
      <dl className="clv-methods">
        {CLV_METHODS.map(({ key, label }) => (
          <div key={key} data-clv-method={key}>
            <dt>{label}</dt>
            <dd>{formatValue(kpis[key].value, 'money', context)}</dd>
          </div>
        ))}
      </dl>
      <p className="clv-formula" data-role="formula">
        {formula}
      </p>
    </>
  );
}
