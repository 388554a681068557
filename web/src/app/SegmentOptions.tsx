import { useSegmentGroups } from '../api/hooks';
import { formatValue } from '../format/format';
import { segmentationLabel } from './filters';

/**
 * The groups of one segmentation as options of the segment filter: the two consent groups at
 * once, an attribute's values (its top ten and "other") once the API has listed them.
 */
export function SegmentOptions({
  segmentation,
  to,
  load,
}: {
  segmentation: string;
  to?: string | undefined;
  /** Whether to ask for an attribute's groups: only once someone opens the list, or uses one. */
  load: boolean;
}) {
  const consent = segmentation === 'email' || segmentation === 'sms';
  const groups = useSegmentGroups({ segment: segmentation, to }, !consent && load);
  const label = segmentationLabel(segmentation);
  const options = consent
    ? [
        { group: 'subscribed', text: label },
        { group: 'not subscribed', text: `Not ${label.toLowerCase()}` },
      ]
    : groups.status === 'ready'
      ? groups.data.groups.map(({ segment, customers }) => ({
          group: segment,
          text: `${segment} (${formatValue(customers, 'count', { currency: 'XXX' })})`,
        }))
      : [];
  return (
    <optgroup label={`${label.charAt(0).toUpperCase()}${label.slice(1)}`}>
      {options.map(({ group, text }) => (
        <option key={group} value={`${segmentation}|${group}`}>
          {text}
        </option>
      ))}
      {!consent && load && groups.status === 'loading' && <option disabled>Loading…</option>}
    </optgroup>
  );
}
