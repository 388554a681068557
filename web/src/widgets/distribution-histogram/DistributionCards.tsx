import { useDistributions } from '../../api/hooks';
import { formatValue, type FormatContext } from '../../format/format';
import { ChartCard } from '../chart-card/ChartCard';
import { distributionView, tailNote } from './distribution-histogram-options';

/** How P(alive) and predicted CLV spread over the customers, as two histograms. */
export function DistributionCards({ context }: { context: FormatContext }) {
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
        empty="No predictions yet: the model is fitted at the next refresh."
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
        empty="No predictions yet: the model is fitted at the next refresh."
        context={context}
      />
    </>
  );
}
