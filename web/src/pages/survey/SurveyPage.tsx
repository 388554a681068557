import { useNps } from '../../api/hooks';
import type { NpsReport } from '../../api/types';
import { useDashboard } from '../../app/dashboard-context';
import { ChartCard } from '../../widgets/chart-card/ChartCard';
import { DataTableCard } from '../../widgets/table-card/DataTableCard';
import {
  npsGroupOptions,
  NPS_METRICS,
  type NpsMetric,
} from '../../widgets/nps-groups/nps-group-options';
import { npsTable } from '../../widgets/nps-groups/nps-table';
import { NpsScore } from '../../widgets/nps-score/NpsScore';
import { AsOf } from '../../widgets/as-of/AsOf';

const CHARTS: { id: string; metric: NpsMetric; subtitle: string }[] = [
  {
    id: 'nps-clv',
    metric: 'clvHistoric',
    subtitle: 'Mean lifetime revenue of the group’s buyers.',
  },
  {
    id: 'nps-retention',
    metric: 'retentionRate',
    subtitle: 'Of those who bought 13–24 months ago, the share who bought in the last 12.',
  },
  { id: 'nps-apv', metric: 'apv', subtitle: 'Revenue / orders, over the group’s orders.' },
];

const isEmpty = (report: NpsReport) => report.respondents === 0;
const EMPTY = 'No survey answers before this date.';

export default function SurveyPage() {
  const { period, format } = useDashboard();
  const nps = useNps({ to: period.to });
  return (
    <div className="page" data-page="survey">
      <div className="page-title">
        <h1>Survey</h1>
        {nps.status === 'ready' && <AsOf day={nps.data.asOf} />}
      </div>
      <NpsScore state={nps} context={format} empty={EMPTY} />
      {!(nps.status === 'ready' && isEmpty(nps.data)) && (
        <div className="grid">
          {CHARTS.map((chart) => (
            <ChartCard
              key={chart.id}
              id={chart.id}
              title={`${NPS_METRICS[chart.metric].label} by NPS group`}
              subtitle={chart.subtitle}
              state={nps}
              build={(report) => npsGroupOptions(report, chart.metric, format)}
              isEmpty={isEmpty}
              empty={EMPTY}
              context={format}
            />
          ))}
          <DataTableCard
            id="nps-table"
            title="NPS groups"
            subtitle="Each customer counts with their latest answer: promoters 9–10, passives 7–8, detractors 0–6."
            state={nps}
            build={npsTable}
            isEmpty={isEmpty}
            empty={EMPTY}
            context={format}
          />
        </div>
      )}
    </div>
  );
}
