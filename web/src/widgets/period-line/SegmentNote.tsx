import { segmentationLabel } from '../../app/filters';

/** " · Email subscribers: subscribed" when the filter bar narrows a page to one group. */
export function SegmentNote({ segment, group }: { segment?: string; group?: string }) {
  if (!segment || !group) return null;
  return (
    <>
      {' '}
      · {segmentationLabel(segment)}: <strong>{group}</strong>
    </>
  );
}
