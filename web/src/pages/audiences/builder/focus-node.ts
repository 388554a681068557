import { nodeKey } from '../../../rules/field-errors';
import type { NodePath } from '../../../rules/rule-edits';

/** Moves the keyboard focus to a card once React has drawn it (after an add, move or remove). */
export function focusNode(path: NodePath): void {
  requestAnimationFrame(() => {
    document.querySelector<HTMLElement>(`[data-node="${nodeKey(path)}"]`)?.focus();
  });
}
