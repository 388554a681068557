import type { ClvMethod } from '../../widgets/kpi-card/clv-methods';
import { MethodSwitch } from '../../widgets/method-switch/MethodSwitch';

export type SegmentClvMethod = Exclude<ClvMethod, 'clvSimple'>;

export const SEGMENT_CLV_METHODS: { key: SegmentClvMethod; label: string }[] = [
  { key: 'clvPredicted', label: 'Predicted' },
  { key: 'clvRolling', label: 'Rolling' },
  { key: 'clvHistoric', label: 'Historic' },
];

/** Which CLV the per-group chart shows. */
export function ClvMethodSwitch({
  value,
  onChange,
}: {
  value: SegmentClvMethod;
  onChange(method: SegmentClvMethod): void;
}) {
  return (
    <MethodSwitch
      label="CLV method"
      action="segment-clv-method"
      options={SEGMENT_CLV_METHODS}
      value={value}
      onChange={onChange}
    />
  );
}
