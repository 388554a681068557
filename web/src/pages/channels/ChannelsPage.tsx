import { useChannels } from '../../api/hooks';
import type { ChannelsReport } from '../../api/types';
import { useDashboard } from '../../app/dashboard-context';
import type { FormatContext } from '../../format/format';
import { ChartCard, type ChartView } from '../../widgets/chart-card/ChartCard';
import { noBars } from '../../widgets/channel-bars/channel-axis';
import { channelClvCacOptions } from '../../widgets/channel-bars/channel-clv-cac-options';
import { channelPaybackOptions } from '../../widgets/channel-bars/channel-payback-options';
import { channelRatioOptions } from '../../widgets/channel-bars/channel-ratio-options';
import { channelTable } from '../../widgets/channel-table/channel-table';
import { DataTableCard } from '../../widgets/table-card/DataTableCard';
import { PeriodLine } from '../../widgets/period-line/PeriodLine';

const isEmpty = (report: ChannelsReport) => report.channels.length === 0;
const EMPTY = 'No customers or acquisition costs in this period.';
const NO_CAC_ANYWHERE =
  'No channel has a CAC in this period: no acquisition costs or no new buyers.';
const NO_CAC = 'A channel without acquisition costs has no CAC, so no bar.';

const CHARTS = [
  {
    id: 'channel-clv-cac',
    title: 'CLV and CAC by channel',
    subtitle: `CLV of a channel's customers (predicted when a model is fitted, else rolling; historic beside it) against its acquisition cost. ${NO_CAC}`,
    wide: true,
    build: channelClvCacOptions,
    isEmpty: (report) => noBars(report, 'clvHistoric', 'cac'),
    empty: EMPTY,
  },
  {
    id: 'channel-ratio',
    title: 'CLV:CAC by channel',
    subtitle:
      'CLV / CAC as the overview counts it: predicted CLV when a model is fitted, else rolling; historic CLV / CAC beside it. 3× is the usual target. A grey bar rests on too little history to show churn.',
    wide: false,
    build: channelRatioOptions,
    isEmpty: (report) => noBars(report, 'clvToCac'),
    empty: NO_CAC_ANYWHERE,
  },
  {
    id: 'channel-payback',
    title: 'CAC payback',
    subtitle: 'Months of revenue per buyer needed to earn the CAC back.',
    wide: false,
    build: channelPaybackOptions,
    isEmpty: (report) => noBars(report, 'paybackMonths'),
    empty: NO_CAC_ANYWHERE,
  },
] satisfies {
  id: string;
  title: string;
  subtitle: string;
  build(report: ChannelsReport, context: FormatContext): ChartView;
  isEmpty(report: ChannelsReport): boolean;
  empty: string;
  wide: boolean;
}[];

export default function ChannelsPage() {
  const { period, format } = useDashboard();
  const channels = useChannels(period);
  return (
    <div className="page" data-page="channels">
      <div className="page-title">
        <h1>Channels</h1>
        {channels.status === 'ready' && <PeriodLine period={channels.data.period} />}
      </div>
      <div className="grid">
        {CHARTS.map((chart) => (
          <ChartCard
            key={chart.id}
            id={chart.id}
            title={chart.title}
            subtitle={chart.subtitle}
            state={channels}
            build={(report) => chart.build(report, format)}
            isEmpty={chart.isEmpty}
            empty={chart.empty}
            context={format}
            wide={chart.wide}
          />
        ))}
        <DataTableCard
          id="channel-table"
          title="Channels"
          subtitle="New buyers, buyers, revenue and spend are the period's; historic CLV is the mean lifetime revenue of the channel's buyers; CLV:CAC divides predicted CLV when a model is fitted, else rolling CLV, as on the overview."
          state={channels}
          build={channelTable}
          isEmpty={isEmpty}
          empty={EMPTY}
          context={format}
          wide
        />
      </div>
    </div>
  );
}
