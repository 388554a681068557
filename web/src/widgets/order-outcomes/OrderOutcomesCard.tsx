import { useState } from 'react';
import type { OrderOutcomes } from '../../api/types';
import type { ApiState } from '../../api/use-api';
import type { FormatContext } from '../../format/format';
import { ChartCard } from '../chart-card/ChartCard';
import { MethodSwitch } from '../method-switch/MethodSwitch';
import { orderOutcomesOptions, type OutcomeMeasure } from './order-outcomes-options';

const MEASURES: readonly { key: OutcomeMeasure; label: string }[] = [
  { key: 'orders', label: 'Orders' },
  { key: 'value', label: 'Value' },
];

/** Purchase success over time: orders by outcome per month, counted or valued, with the rates. */
export function OrderOutcomesCard({
  id,
  state,
  context,
  wide = false,
}: {
  id: string;
  state: ApiState<OrderOutcomes> & { reload?(): void };
  context: FormatContext;
  wide?: boolean;
}) {
  const [measure, setMeasure] = useState<OutcomeMeasure>('orders');
  return (
    <ChartCard
      id={id}
      title="Order outcomes by month"
      subtitle="Successful, canceled and returned orders; the rates count canceled and returned orders among the three."
      state={state}
      context={context}
      wide={wide}
      height={280}
      isEmpty={(data) =>
        data.total.success.orders + data.total.canceled.orders + data.total.returned.orders === 0
      }
      empty="No orders in this period."
      actions={
        <MethodSwitch<OutcomeMeasure>
          label="Count or value"
          action="outcome-measure"
          options={MEASURES}
          value={measure}
          onChange={setMeasure}
        />
      }
      build={(data) => orderOutcomesOptions(data, measure, context)}
    />
  );
}
