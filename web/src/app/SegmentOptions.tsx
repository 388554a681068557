import type { AttributeValues } from '../api/types';
import type { ApiState } from '../api/use-api';
import { formatValue } from '../format/format';
import { groupLabel, segmentationLabel } from './filters';

/** Groups an attribute segmentation has: its top ten values, the rest being "other". */
const ATTRIBUTE_GROUPS = 10;

/**
 * The groups of one segmentation as options of the segment filter: the two consent groups at
 * once, an attribute's top values (with "other") once the API has listed them. The values of
 * every attribute come in one answer, which the refresh computed.
 */
export function SegmentOptions({
  segmentation,
  attributes,
  load,
}: {
  segmentation: string;
  /** Every attribute's values, asked for by the filter bar (whose select must see them come). */
  attributes: ApiState<AttributeValues>;
  /** Whether the values are asked for: only once someone opens the list, or uses one. */
  load: boolean;
}) {
  const consent = segmentation === 'email' || segmentation === 'sms';
  const label = segmentationLabel(segmentation);
  const name = segmentation.replace(/^attribute:/, '');
  const values =
    attributes.status === 'ready'
      ? (attributes.data.attributes.find((a) => a.name === name)?.values ?? [])
      : null;
  const count = (customers: number) => formatValue(customers, 'count', { currency: 'XXX' });
  const options = consent
    ? ['subscribed', 'not subscribed'].map((group) => ({
        group,
        text: groupLabel(segmentation, group),
      }))
    : values
      ? [
          ...values.slice(0, ATTRIBUTE_GROUPS).map(({ value, customers }) => ({
            group: value,
            text: `${groupLabel(segmentation, value)} (${count(customers)})`,
          })),
          { group: 'other', text: 'other' },
        ]
      : [];
  return (
    <optgroup label={`${label.charAt(0).toUpperCase()}${label.slice(1)}`}>
      {options.map(({ group, text }) => (
        <option key={group} value={`${segmentation}|${group}`}>
          {text}
        </option>
      ))}
      {!consent && load && attributes.status === 'loading' && <option disabled>Loading…</option>}
    </optgroup>
  );
}
