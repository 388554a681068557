import { Option, type Command } from 'commander';
import {
  metricsReport,
  type KpiReport,
  type MetricsOptions,
  type MetricsReport,
} from '../../metrics/metrics-report.js';
import { KPI_CATALOG, kpiDefinition } from '../../metrics/catalog.js';
import { KPI_KEYS, type KpiKey } from '../../metrics/kpis.js';
import { outputFor, withProjectStore } from '../context.js';
import { table } from '../output.js';

function format(key: KpiKey, value: number | null): string {
  if (value === null) return '-';
  if (kpiDefinition(key).unit === 'rate') return `${(value * 100).toFixed(1)} %`;
  if (Number.isInteger(value)) return value.toLocaleString('en');
  return value.toLocaleString('en', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
}

function describeKpis(kpis: KpiReport): string {
  return table([
    ['', 'value', 'previous', 'change'],
    ...KPI_KEYS.map((key) => {
      const { value, previous, change, changePoints } = kpis[key];
      return [
        kpiDefinition(key).label,
        format(key, value),
        format(key, previous),
        changeText(key, change, changePoints ?? null),
      ];
    }),
  ]);
}

/** The change as people read it: rates in percentage points, everything else in per cent. */
export function changeText(key: KpiKey, change: number | null, points: number | null): string {
  if (kpiDefinition(key).unit === 'rate') {
    return points === null ? '-' : `${points >= 0 ? '+' : ''}${points.toFixed(1)} pp`;
  }
  return change === null ? '-' : `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)} %`;
}

/** The report for people: KPIs, the glossary's formula of each, and each segment. */
export function describeMetrics(report: MetricsReport): string {
  const lines = [
    `${report.period.from} .. ${report.period.to} against ${report.previousPeriod.from} .. ${report.previousPeriod.to} (${report.currency})`,
    describeKpis(report.kpis),
    '',
    ...KPI_CATALOG.map(({ label, formula }) => `${label}: ${formula}`),
  ];
  for (const segment of report.segments ?? []) {
    lines.push(
      '',
      `segment ${segment.segment} (${segment.customers} customers)`,
      describeKpis(segment.kpis),
    );
  }
  return lines.join('\n');
}

export function registerMetrics(program: Command): Command {
  return program
    .command('metrics')
    .description('CLV and the metrics that drive it, for a period against the previous one')
    .option('--from <date>', 'first day of the period (YYYY-MM-DD)')
    .option('--to <date>', 'day after the period (YYYY-MM-DD); default: the last 12 full months')
    .option('--segment <segment>', 'email | sms | attribute:NAME')
    .addOption(
      new Option(
        '--series <unit>',
        'add monthly values and the same months a year earlier',
      ).choices(['month']),
    )
    .addOption(
      new Option(
        '--compare <with>',
        'compare with the period just before or the same dates a year earlier',
      ).choices(['previous', 'year']),
    )
    .action(async (options: MetricsOptions, command: Command) => {
      const output = outputFor(command);
      const report = await withProjectStore(
        command,
        (project, warehouse) => metricsReport(warehouse, project.config, options),
        (server) => server.get<MetricsReport>('/metrics', { ...options }),
      );
      output.result(report, () => describeMetrics(report));
    });
}
