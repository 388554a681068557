import type { KpiReport } from '../../api/types';
import { formatValue, type FormatContext } from '../../format/format';
import type { ClvMethod } from '../../widgets/kpi-card/clv-methods';

/** The CLV formula of a method with the period's own inputs filled in. */
export function clvFormula(method: ClvMethod, kpis: KpiReport, context: FormatContext): string {
  const money = (v: number | null) => formatValue(v, 'money', context);
  const percent = (v: number | null) => formatValue(v, 'percent', context);
  const clv = money(kpis[method].value);
  switch (method) {
    case 'clvRolling':
      return `Rolling CLV = mean monthly ARPU / mean monthly churn = ${money(kpis.arpu.value)} / ${percent(kpis.churn.value)} = ${clv} (12 months ending with the last full month)`;
    case 'clvSimple':
      return `Simple CLV = APV × orders per buyer (last 365 days) / (12 × mean monthly churn ${percent(kpis.churn.value)}) = ${clv}`;
    case 'clvHistoric':
      return `Historic CLV = lifetime revenue of every buyer before the period's end / those buyers = ${clv}`;
    case 'clvPredicted':
      return `Predicted CLV = mean over customers of (expected purchases × expected spend × margin, discounted monthly) = ${clv}`;
  }
}
