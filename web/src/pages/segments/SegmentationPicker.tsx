import { segmentationLabel } from '../../app/filters';

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The segmentation the page groups customers by: consent (email, sms) or an attribute. */
export function SegmentationPicker({
  segmentations,
  value,
  onChange,
}: {
  segmentations: readonly string[];
  value: string;
  onChange(segmentation: string): void;
}) {
  return (
    <label className="segmentation-picker">
      <span>Group customers by</span>
      <select name="segmentation" value={value} onChange={(event) => onChange(event.target.value)}>
        {segmentations.map((s) => (
          <option key={s} value={s}>
            {capitalized(segmentationLabel(s))}
          </option>
        ))}
      </select>
    </label>
  );
}
