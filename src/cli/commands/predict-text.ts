import type { ModelFit } from '../../predict/fit.js';
import type { HoldoutReport } from '../../predictions/holdout.js';
import type { PredictReport } from '../../predictions/predict-report.js';
import type { RetentionReport } from '../../predictions/retention.js';
import type { ModelSelection } from '../../predictions/model-selection.js';
import { MODEL_LABELS } from '../../predictions/model-states.js';
import { table } from '../output.js';

const LABELS = MODEL_LABELS;

// A number the table prints with its column's decimals and thousands separators.
const rounded = (value: number, digits: number): number => Number(value.toFixed(digits));

const total = (value: number): string =>
  value.toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const number = (value: number | null | undefined, digits = 4): string =>
  value === null || value === undefined ? '-' : value.toPrecision(digits);

/** A fit as a parameter table with its log-likelihood and health. */
export function describeFit(fit: ModelFit): string {
  return [
    `${LABELS[fit.model] ?? fit.model}: ${fit.observations.toLocaleString('en')} customers, log-likelihood ${fit.logLikelihood.toFixed(2)}, ${fit.iterations} iterations, ${fit.converged ? 'converged' : 'NOT converged'}`,
    table([
      ['parameter', 'estimate', 'std. error'],
      ...fit.parameterNames.map((name) => [
        name,
        number(fit.parameters[name]),
        number(fit.standardErrors[name], 3),
      ]),
    ]),
    ...fit.warnings.map((warning) => `warning: ${warning}`),
  ].join('\n');
}

function describeHoldout(holdout: HoldoutReport): string {
  return [
    `holdout: fitted on orders up to ${holdout.calibrationEnd}, predicting ${holdout.holdoutFrom} .. ${holdout.holdoutEnd} (${holdout.holdoutLength.toFixed(2)} ${holdout.timeUnit}s)`,
    table([
      ['repeat purchases before', 'customers', 'predicted per customer', 'actual per customer'],
      ...holdout.groups.map((group) => [
        group.frequency,
        group.customers,
        rounded(group.predicted, 3),
        rounded(group.actual, 3),
      ]),
      // Totals, not per customer: their own decimals.
      ['all', holdout.total.customers, total(holdout.total.predicted), total(holdout.total.actual)],
    ]),
    `correlation of predicted and actual per customer: ${number(holdout.correlation, 3)}; mean absolute error ${number(holdout.meanAbsoluteError, 3)} purchases`,
    ...describeValueCheck(holdout.value),
  ].join('\n');
}

function describeValueCheck(value: HoldoutReport['value']): string[] {
  if (!value.coverage) return [`spend: ${value.spend.reason ?? 'no spend model'}`];
  const { customers, inside, share } = value.coverage;
  return [
    `spend: ${inside.toLocaleString('en')} of ${customers.toLocaleString('en')} customers (${(share * 100).toFixed(1)} %) spent inside their 90 % predictive interval`,
    table([
      ['decile of predicted value', 'customers', 'predicted per customer', 'actual per customer'],
      ...value.deciles.map((d) => [
        d.decile,
        d.customers,
        rounded(d.predicted, 2),
        rounded(d.actual, 2),
      ]),
    ]),
  ];
}

function describeRetention(retention: RetentionReport): string {
  const observed = new Map(retention.observed.map((month) => [month.month, month]));
  const percent = (value: number | undefined): string =>
    value === undefined ? '-' : `${(value * 100).toFixed(1)} %`;
  return [
    `retention of ${retention.customers.toLocaleString('en')} customers in ${retention.cohorts} monthly cohorts (a customer stays while their first spell of activity lasts)`,
    describeFit(retention.fit),
    table([
      ['month', 'survival observed', 'survival sBG', 'retention observed', 'retention sBG'],
      ...retention.projected.map((month) => [
        month.month,
        percent(observed.get(month.month)?.survival),
        percent(month.survival),
        percent(observed.get(month.month)?.retention),
        percent(month.retention),
      ]),
    ]),
    `expected lifetime ${number(retention.expectedLifetimeMonths, 3)} months; discounted ${number(retention.discountedLifetimeMonths, 3)} months`,
  ].join('\n');
}

/** `clv predict` for people. */
export function describePredict(report: PredictReport): string {
  const lines = [
    `time unit ${report.timeUnit}; horizon ${report.horizonMonths} months, monthly discount ${report.monthlyDiscountRate}, margin ${report.margin}; data to ${report.dataEnd ?? '-'}`,
  ];
  if (!report.stored && report.model !== 'sbg') {
    lines.push(
      `${LABELS[report.model]} fitted now; customer_predictions uses model.purchaseModel from the config`,
    );
  }
  if (report.selection) lines.push(...describeSelection(report.selection));
  for (const fit of [report.purchase, report.spend]) if (fit) lines.push('', describeFit(fit));
  for (const state of report.states) {
    lines.push(`${state.role} model ${LABELS[state.model] ?? state.model}: ${state.status}`);
    if (state.reason) lines.push(`  ${state.reason}`);
  }
  const p = report.predictions;
  if (p) {
    lines.push(
      '',
      table([
        [
          'customers',
          'mean P(alive)',
          'mean expected purchases',
          'mean predicted CLV',
          'total predicted CLV',
        ],
        [
          p.customers,
          number(p.meanProbabilityAlive, 3),
          number(p.meanExpectedPurchases, 3),
          p.meanPredictedClv === null ? '-' : rounded(p.meanPredictedClv, 2),
          p.totalPredictedClv === null ? '-' : rounded(p.totalPredictedClv, 2),
        ],
      ]),
    );
  }
  if (report.holdout) lines.push('', describeHoldout(report.holdout));
  if (report.retention) lines.push('', describeRetention(report.retention));
  return lines.join('\n');
}

function describeSelection(selection: ModelSelection): string[] {
  const lines = [`model chosen by auto: ${selection.because}`];
  if (selection.candidates.length > 0) {
    lines.push(
      table([
        ['candidate', 'status', 'mean abs. error', 'holdout purchases predicted', 'actual'],
        ...selection.candidates.map((c) => [
          LABELS[c.model] ?? c.model,
          c.status,
          c.meanAbsoluteError === null ? '-' : rounded(c.meanAbsoluteError, 3),
          c.predictedTotal === null ? '-' : rounded(c.predictedTotal, 1),
          c.actualTotal,
        ]),
      ]),
    );
  }
  return lines;
}
