import type { RuleCount, RuleWindow } from '../../../rules/rule-types';
import { NumberInput } from './NumberInput';

type CountMode = 'atLeast' | 'atMost' | 'range' | 'never';

function countMode(count: RuleCount | undefined): CountMode {
  if (!count) return 'atLeast';
  if (count.atMost === 0 && count.atLeast === undefined) return 'never';
  if (count.atLeast !== undefined && count.atMost !== undefined) return 'range';
  return count.atMost !== undefined ? 'atMost' : 'atLeast';
}

function withMode(count: RuleCount | undefined, mode: CountMode): RuleCount {
  const least = count?.atLeast ?? 1;
  const most = count?.atMost || Math.max(least, 1);
  switch (mode) {
    case 'atLeast':
      return { atLeast: least };
    case 'atMost':
      return { atMost: most };
    case 'range':
      return { atLeast: least, atMost: Math.max(least, most) };
    case 'never':
      return { atMost: 0 };
  }
}

/** How often (at least, at most, between, never) and when (any time, last D days, between dates). */
export function CountWindowInputs({
  label,
  count,
  window,
  onChange,
}: {
  label: string;
  count: RuleCount | undefined;
  window: RuleWindow | undefined;
  onChange(next: { count: RuleCount; window: RuleWindow | undefined }): void;
}) {
  const mode = countMode(count);
  const current = withMode(count, mode);
  const when = !window ? 'ever' : 'lastDays' in window ? 'last' : 'dates';
  const set = (next: { count?: RuleCount; window?: RuleWindow | undefined }) =>
    onChange({ count: current, window, ...next });
  return (
    <span className="count-window">
      <select
        aria-label={`How often: ${label}`}
        data-role="count-mode"
        value={mode}
        onChange={(event) => set({ count: withMode(count, event.target.value as CountMode) })}
      >
        <option value="atLeast">at least</option>
        <option value="atMost">at most</option>
        <option value="range">between</option>
        <option value="never">never</option>
      </select>
      {current.atLeast !== undefined && (
        <NumberInput
          aria-label={`At least how many times: ${label}`}
          data-role="count-at-least"
          min={0}
          value={current.atLeast}
          onValue={(n) => set({ count: { ...current, atLeast: Math.max(0, Math.round(n)) } })}
        />
      )}
      {current.atMost !== undefined && mode !== 'never' && (
        <NumberInput
          aria-label={`At most how many times: ${label}`}
          data-role="count-at-most"
          min={0}
          value={current.atMost}
          onValue={(n) => set({ count: { ...current, atMost: Math.max(0, Math.round(n)) } })}
        />
      )}
      {mode !== 'never' && <span aria-hidden="true">times</span>}
      <select
        aria-label={`When: ${label}`}
        data-role="window-mode"
        value={when}
        onChange={(event) =>
          set({
            window:
              event.target.value === 'ever'
                ? undefined
                : event.target.value === 'last'
                  ? { lastDays: 30 }
                  : { from: '', to: '' },
          })
        }
      >
        <option value="ever">at any time</option>
        <option value="last">in the last … days</option>
        <option value="dates">between dates</option>
      </select>
      {window && 'lastDays' in window && (
        <NumberInput
          aria-label={`Days back: ${label}`}
          data-role="window-days"
          min={1}
          value={window.lastDays}
          onValue={(n) => set({ window: { lastDays: Math.max(1, Math.round(n)) } })}
        />
      )}
      {window && 'from' in window && (
        <>
          <input
            type="date"
            aria-label={`From (inclusive): ${label}`}
            data-role="window-from"
            value={window.from}
            onChange={(event) => set({ window: { ...window, from: event.target.value } })}
          />
          <input
            type="date"
            aria-label={`To (exclusive): ${label}`}
            data-role="window-to"
            value={window.to}
            onChange={(event) => set({ window: { ...window, to: event.target.value } })}
          />
        </>
      )}
    </span>
  );
}
