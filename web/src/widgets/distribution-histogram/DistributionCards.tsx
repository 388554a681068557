import { useDistributions } from '../../api/hooks';
import { formatValue, type FormatContext } from '../../format/format';
import { ChartCard } from '../chart-card/ChartCard';
import { distributionView, tailNote } from './distribution-histogram-options';

const NOT_YET = 'No predictions yet: the model is fitted at the next refresh.';

/**
 * How P(alive) and predicted CLV spread over the customers, as two histograms; when a model
 * failed, the empty cards say why (`empty`, from the model states).
 */
export function DistributionCards({
  context,
  empty = {},
}: {
  context: FormatContext;
  empty?: { pAlive?: string | null; clv?: string | null };
}) {
  const distributions = useDistributions();
  const data = distributions.status === 'ready' ? distributions.data : null;
  const count = (value: number) => `${formatValue(value, 'count', context)} customers`;
  const tail = data
    ? tailNote({ bins: data.predictedClv, above: data.predictedClvAbove, format: 'money', context })
    : null;
  return (
    <>
      <ChartCard
        id="distribution-palive"
        title="P(alive) across customers"
        subtitle={data ? `${count(data.customers)} with a prediction.` : undefined}
        state={distributions}
        build={(d) =>
          distributionView({ bins: d.pAlive, format: 'percent', label: 'P(alive)', context })
        }
        isEmpty={(d) => d.customers === 0}
        empty={empty.pAlive ?? NOT_YET}
        context={context}
      />
      <ChartCard
        id="distribution-clv"
        title="Predicted CLV across customers"
        subtitle={
          data ? `${count(data.customers)} with a prediction.${tail ? ` ${tail}` : ''}` : undefined
        }
        state={distributions}
        build={(d) =>
          distributionView({
            bins: d.predictedClv,
            format: 'money',
            label: 'Predicted CLV',
            above: d.predictedClvAbove,
            context,
          })
        }
        isEmpty={(d) => d.customers === 0}
        empty={empty.clv ?? NOT_YET}
        context={context}
      />
    </>
  );
}
