import type { ModelFit, ModelReport, ModelState } from '../../api/types';
import type { TableData } from '../../format/csv';
import { formatDay, formatValue, type FormatContext, type ValueFormat } from '../../format/format';
import { modelName } from '../../format/model-name';

/** A value as shown: the dashboard's formats or a day. */
export type FactFormat = ValueFormat | 'day';

/** One line of the model card: a parameter (with its standard error) or a figure of the fit. */
export interface ModelFact {
  /** Stable, for tests and the CSV: `purchase.r`, `spend.logLikelihood`, `predictions.customers`. */
  key: string;
  section: string;
  label: string;
  value: number | string | null;
  standardError: number | null;
  format: FactFormat;
}

const GREEK: Record<string, string> = { alpha: 'α', beta: 'β', gamma: 'γ' };

const HEADINGS = { purchase: 'Purchase model', spend: 'Spend model' } as const;

function fitFacts(role: ModelState['role'], fit: ModelFit, state?: ModelState): ModelFact[] {
  const section = `${HEADINGS[role]}: ${modelName(fit.model)}`;
  const fact = (key: string, label: string, value: ModelFact['value'], format: FactFormat) => ({
    key: `${role}.${key}`,
    section,
    label,
    value,
    standardError: null,
    format,
  });
  return [
    ...fit.parameterNames.map((name) => ({
      ...fact(
        name,
        GREEK[name] ? `${GREEK[name]} (${name})` : name,
        fit.parameters[name] ?? null,
        'precise',
      ),
      standardError: fit.standardErrors[name] ?? null,
    })),
    fact('status', 'Status', fit.status, 'text'),
    ...(fit.status === 'ok'
      ? []
      : [fact('reason', 'Why', state?.reason ?? fit.reasons.join('; '), 'text')]),
    fact('logLikelihood', 'Log-likelihood', fit.logLikelihood, 'decimal'),
    fact('iterations', 'Iterations', fit.iterations, 'count'),
    fact('converged', 'Converged', fit.converged ? 'yes' : 'no', 'text'),
    fact('observations', 'Observations (customers)', fit.observations, 'count'),
    fact('warnings', 'Warnings', fit.warnings.length ? fit.warnings.join('; ') : 'none', 'text'),
  ];
}

/** A model that could not be fitted: its status and why, in place of parameters. */
function failedFacts(state: ModelState): ModelFact[] {
  const section = `${HEADINGS[state.role]}: ${modelName(state.model)}`;
  const fact = (key: string, label: string, value: string | null) => ({
    key: `${state.role}.${key}`,
    section,
    label,
    value,
    standardError: null,
    format: 'text' as const,
  });
  return [fact('status', 'Status', state.status), fact('reason', 'Why', state.reason)];
}

/**
 * Everything the model card shows, in order: both models (their fits, or why there is none),
 * the settings, the predictions' totals.
 */
export function modelFacts(report: ModelReport): ModelFact[] {
  const facts: ModelFact[] = [];
  for (const role of ['purchase', 'spend'] as const) {
    const fit = report[role];
    const state = report.states.find((s) => s.role === role);
    if (fit) facts.push(...fitFacts(role, fit, state));
    else if (state) facts.push(...failedFacts(state));
  }
  const add = (
    key: string,
    section: string,
    label: string,
    value: ModelFact['value'],
    format: FactFormat,
  ) => facts.push({ key, section, label, value, standardError: null, format });
  const settings = 'Settings';
  add('settings.timeUnit', settings, 'Time unit', report.timeUnit, 'text');
  add('settings.horizonMonths', settings, 'Horizon', report.horizonMonths, 'months');
  add(
    'settings.monthlyDiscountRate',
    settings,
    'Monthly discount rate',
    report.monthlyDiscountRate,
    'percent',
  );
  add('settings.margin', settings, 'Margin', report.margin, 'percent');
  add('settings.dataEnd', settings, 'Data end', report.dataEnd, 'day');
  const p = report.predictions;
  if (p) {
    const section = 'Predictions';
    add('predictions.customers', section, 'Customers', p.customers, 'count');
    add(
      'predictions.meanProbabilityAlive',
      section,
      'Mean P(alive)',
      p.meanProbabilityAlive,
      'percent',
    );
    add(
      'predictions.meanExpectedPurchases',
      section,
      'Mean expected purchases',
      p.meanExpectedPurchases,
      'decimal',
    );
    add('predictions.meanPredictedClv', section, 'Mean predicted CLV', p.meanPredictedClv, 'money');
    add(
      'predictions.totalPredictedClv',
      section,
      'Total predicted CLV',
      p.totalPredictedClv,
      'money',
    );
  }
  return facts;
}

/** A fact's value for reading; parameters keep four significant digits. */
export function formatFact(
  value: number | string | null,
  format: FactFormat,
  context: FormatContext,
): string {
  if (format === 'day') return typeof value === 'string' ? formatDay(value, context.locale) : '—';
  return formatValue(value, format, context);
}

/** The facts as one table with raw values, for the CSV. */
export function modelFactsTable(facts: readonly ModelFact[]): TableData {
  return {
    columns: [
      { key: 'section', label: 'Section', format: 'text' },
      { key: 'key', label: 'Key', format: 'text' },
      { key: 'label', label: 'Quantity', format: 'text' },
      { key: 'value', label: 'Value', format: 'text' },
      { key: 'standardError', label: 'Standard error', format: 'text' },
    ],
    rows: facts.map(({ section, key, label, value, standardError }) => ({
      section,
      key,
      label,
      value,
      standardError,
    })),
  };
}
