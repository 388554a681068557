import type { ClvMethod } from '../../widgets/kpi-card/kpi-meta';

export type SegmentClvMethod = Exclude<ClvMethod, 'clvSimple'>;

export const SEGMENT_CLV_METHODS: { key: SegmentClvMethod; label: string }[] = [
  { key: 'clvPredicted', label: 'Predicted' },
  { key: 'clvRolling', label: 'Rolling' },
  { key: 'clvHistoric', label: 'Historic' },
];

/** Which CLV the per-group chart shows: buttons a keyboard reaches, one pressed. */
export function ClvMethodSwitch({
  value,
  onChange,
}: {
  value: SegmentClvMethod;
  onChange(method: SegmentClvMethod): void;
}) {
  return (
    <span className="segmented" role="radiogroup" aria-label="CLV method">
      {SEGMENT_CLV_METHODS.map(({ key, label }) => (
        <button
          key={key}
          type="button"
          role="radio"
          aria-checked={value === key}
          data-action="segment-clv-method"
          data-method={key}
          onClick={() => onChange(key)}
        >
          {label}
        </button>
      ))}
    </span>
  );
}
