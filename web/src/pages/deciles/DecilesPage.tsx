import { useState } from 'react';
import { useDeciles } from '../../api/hooks';
import type { DecilesReport } from '../../api/types';
import { useDashboard } from '../../app/dashboard-context';
import { formatDay } from '../../format/format';
import { ChartCard } from '../../widgets/chart-card/ChartCard';
import { decileParetoOptions } from '../../widgets/decile-pareto/decile-pareto-options';
import { decileShareOptions } from '../../widgets/decile-share/decile-share-options';
import { decileTable, decileValueNoun } from '../../widgets/decile-table/decile-table';
import { DataTableCard } from '../../widgets/table-card/DataTableCard';
import { AsOf } from '../../widgets/as-of/AsOf';
import { AudienceFromLinks } from '../../widgets/audience-from/AudienceFromLinks';
import { decileStarts } from '../../rules/audience-starts';

type RankBy = DecilesReport['by'];

const RANK_BY: { by: RankBy; label: string }[] = [
  { by: 'revenue', label: 'Historic revenue' },
  { by: 'predicted', label: 'Predicted CLV' },
];

const isEmpty = (report: DecilesReport) => report.deciles.every((d) => d.customers === 0);

export default function DecilesPage() {
  const { period, format } = useDashboard();
  const [by, setBy] = useState<RankBy>('revenue');
  const deciles = useDeciles({ to: period.to, by });
  const noun = decileValueNoun(by);
  const empty = 'No customers with an order before this date.';
  return (
    <div className="page" data-page="deciles">
      <div className="page-title">
        <h1>Deciles</h1>
        {deciles.status === 'ready' && <AsOf day={deciles.data.asOf} />}
        <div className="segmented" role="group" aria-label="Rank customers by">
          {RANK_BY.map((option) => (
            <button
              key={option.by}
              type="button"
              aria-pressed={by === option.by}
              data-action="decile-by"
              data-by={option.by}
              onClick={() => setBy(option.by)}
            >
              {option.label}
            </button>
          ))}
        </div>
      </div>
      {deciles.status === 'ready' && (
        <AudienceFromLinks
          id="decile-audiences"
          title="Create an audience from a decile (as of the latest refresh)"
          starts={decileStarts(
            by,
            deciles.data.deciles.filter((d) => d.customers > 0).map((d) => d.decile),
          )}
        />
      )}
      <div className="grid">
        <ChartCard
          id="decile-share"
          title={`Share of ${noun} by decile`}
          subtitle="Customers ranked from highest to lowest, cut into ten equal groups."
          state={deciles}
          build={(data) => decileShareOptions(data, format)}
          isEmpty={isEmpty}
          empty={empty}
          context={format}
        />
        <ChartCard
          id="decile-pareto"
          title="Cumulative share (Pareto curve)"
          subtitle={`How much of the ${noun} the top customers account for.`}
          state={deciles}
          build={(data) => decileParetoOptions(data, format)}
          isEmpty={isEmpty}
          empty={empty}
          context={format}
        />
        <DataTableCard
          id="decile-table"
          title="Deciles"
          subtitle={
            deciles.status === 'ready'
              ? `Ranked by ${noun}, as of ${formatDay(deciles.data.asOf)}.`
              : undefined
          }
          state={deciles}
          build={decileTable}
          isEmpty={isEmpty}
          empty={empty}
          context={format}
          wide
        />
      </div>
    </div>
  );
}
