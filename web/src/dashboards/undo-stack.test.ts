import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, record, redo, startHistory, undo, UNDO_LIMIT } from './undo-stack';

describe('the undo stack', () => {
  it('steps back and forward over edits', () => {
    let h = startHistory({ n: 1 });
    h = record(h, { n: 2 });
    h = record(h, { n: 3 });
    expect(canUndo(h)).toBe(true);
    h = undo(h);
    expect(h.present).toEqual({ n: 2 });
    h = undo(h);
    expect(h.present).toEqual({ n: 1 });
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toEqual({ n: 2 });
    expect(canRedo(h)).toBe(true);
  });

  it('forgets the undone edits once a new edit is made', () => {
    let h = record(record(startHistory('a'), 'b'), 'c');
    h = record(undo(h), 'd');
    expect(h.past).toEqual(['a', 'b']);
    expect(canRedo(h)).toBe(false);
    expect(redo(h)).toBe(h);
  });

  it('does not record an edit that changes nothing (a drag dropped where it started)', () => {
    const h = startHistory({ layout: [{ x: 0 }] });
    expect(record(h, { layout: [{ x: 0 }] })).toBe(h);
  });

  it('makes typing in one field one edit, and a new field or another edit a new one', () => {
    let h = startHistory('');
    for (const text of ['D', 'De', 'Dec']) h = record(h, text, 'title');
    h = record(h, 'Dec!', 'description');
    h = record(h, 'Dec!?');
    expect(h.past).toEqual(['', 'Dec', 'Dec!']);
    // After an undo, typing again starts a new edit.
    h = record(undo(h), 'Dec!!', 'description');
    expect(h.past).toEqual(['', 'Dec', 'Dec!']);
    expect(undo(h).present).toBe('Dec!');
  });

  it('keeps at most the last edits', () => {
    let h = startHistory(0);
    for (let i = 1; i <= UNDO_LIMIT + 10; i += 1) h = record(h, i);
    expect(h.past).toHaveLength(UNDO_LIMIT);
    expect(h.past[0]).toBe(10);
  });
});
