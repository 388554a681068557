import type { ModelFit, ModelReport } from '../../api/types';
import type { TableData } from '../../format/csv';
import { formatDay, formatValue, type FormatContext, type ValueFormat } from '../../format/format';

/** A value as shown: the dashboard's formats, 'precise' (four significant digits) or a day. */
export type FactFormat = ValueFormat | 'precise' | 'day';

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

export const MODEL_NAMES: Record<string, string> = {
  bgnbd: 'BG/NBD',
  paretonbd: 'Pareto/NBD',
  gammagamma: 'Gamma-Gamma',
  sbg: 'shifted-beta-geometric',
};

const GREEK: Record<string, string> = { alpha: 'α', beta: 'β', gamma: 'γ' };

/** A model's display name: BG/NBD for bgnbd; an unknown model keeps its id. */
export function modelName(model: string): string {
  return MODEL_NAMES[model] ?? model;
}

function fitFacts(role: 'purchase' | 'spend', heading: string, fit: ModelFit): ModelFact[] {
  const section = `${heading}: ${modelName(fit.model)}`;
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
    fact('logLikelihood', 'Log-likelihood', fit.logLikelihood, 'decimal'),
    fact('iterations', 'Iterations', fit.iterations, 'count'),
    fact('converged', 'Converged', fit.converged ? 'yes' : 'no', 'text'),
    fact('observations', 'Observations (customers)', fit.observations, 'count'),
    fact('warnings', 'Warnings', fit.warnings.length ? fit.warnings.join('; ') : 'none', 'text'),
  ];
}

/** Everything the model card shows, in order: both fits, the settings, the predictions' totals. */
export function modelFacts(report: ModelReport): ModelFact[] {
  const facts: ModelFact[] = [];
  if (report.purchase) facts.push(...fitFacts('purchase', 'Purchase model', report.purchase));
  if (report.spend) facts.push(...fitFacts('spend', 'Spend model', report.spend));
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
  report.errors.forEach((error, i) => add(`errors.${i}`, 'Errors', 'Error', error, 'text'));
  return facts;
}

/** A fact's value for reading; parameters keep four significant digits. */
export function formatFact(
  value: number | string | null,
  format: FactFormat,
  context: FormatContext,
): string {
  if (format === 'day') return typeof value === 'string' ? formatDay(value, context.locale) : '—';
  if (format !== 'precise' || typeof value !== 'number') {
    return formatValue(value, format === 'precise' ? 'decimal' : format, context);
  }
  return new Intl.NumberFormat(context.locale, { maximumSignificantDigits: 4 }).format(value);
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
