// The editor's history: every edit pushes the state before it, undo steps back, redo forward.
// Pure and immutable, so React holds it as state and a test needs no browser.

export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** The group of the last edit: typing in one field is one edit to undo, not one per key. */
  group?: string | undefined;
}

/** How many edits undo can step back over; older ones are forgotten. */
export const UNDO_LIMIT = 100;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

/**
 * The history after an edit to `next`; an edit that changes nothing is not recorded, and one
 * of the same `group` as the edit before (the next key typed in a field) joins it.
 */
export function record<T>(history: History<T>, next: T, group?: string): History<T> {
  if (sameJson(history.present, next)) return history;
  if (group !== undefined && group === history.group && history.future.length === 0) {
    return { ...history, present: next };
  }
  return {
    past: [...history.past, history.present].slice(-UNDO_LIMIT),
    present: next,
    future: [],
    group,
  };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
  };
}

export function redo<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest };
}

export const canUndo = (history: History<unknown>) => history.past.length > 0;
export const canRedo = (history: History<unknown>) => history.future.length > 0;

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
