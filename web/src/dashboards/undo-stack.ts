// The editor's history: every edit pushes the state before it, undo steps back, redo forward.
// Pure and immutable, so React holds it as state and a test needs no browser.

export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
}

/** How many edits undo can step back over; older ones are forgotten. */
export const UNDO_LIMIT = 100;

export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

/** The history after an edit to `next`; an edit that changes nothing is not recorded. */
export function record<T>(history: History<T>, next: T, same = sameJson): History<T> {
  if (same(history.present, next)) return history;
  return {
    past: [...history.past, history.present].slice(-UNDO_LIMIT),
    present: next,
    future: [],
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
