import type { NpsReport } from '../../api/types';
import type { ValueFormat } from '../../format/format';

export interface NpsFigure {
  key: string;
  label: string;
  value: number | null;
  format: ValueFormat;
}

function shareOf(report: NpsReport, group: string): number | null {
  const customers = report.groups.find((g) => g.group === group)?.customers ?? 0;
  return report.respondents > 0 ? customers / report.respondents : null;
}

/** The headline figures: the NPS, how many answered, and the two shares it is the gap of. */
export function npsFigures(report: NpsReport): NpsFigure[] {
  return [
    { key: 'nps', label: 'Net promoter score', value: report.nps, format: 'decimal' },
    { key: 'respondents', label: 'Respondents', value: report.respondents, format: 'count' },
    {
      key: 'promoters',
      label: 'Promoters (9–10)',
      value: shareOf(report, 'promoters'),
      format: 'percent',
    },
    {
      key: 'detractors',
      label: 'Detractors (0–6)',
      value: shareOf(report, 'detractors'),
      format: 'percent',
    },
  ];
}
