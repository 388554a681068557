import type { KeyboardEvent } from 'react';
import {
  canWrap,
  moveNode,
  nodeAt,
  removeNode,
  wrapInGroup,
  type NodePath,
} from '../../../rules/rule-edits';
import type { Rule } from '../../../rules/rule-types';
import { focusNode } from './focus-node';

/** Where the focus goes after a node is removed: its previous sibling, else its container. */
function afterRemoval(path: NodePath): NodePath {
  const index = path[path.length - 1] ?? 0;
  return index > 0 ? [...path.slice(0, -1), index - 1] : path.slice(0, -1);
}

/** Removes the node, keeping the keyboard focus near it. */
export function removeAndFocus(rule: Rule, path: NodePath, onChange: (rule: Rule) => void): void {
  onChange(removeNode(rule, path));
  focusNode(afterRemoval(path));
}

/** Delete (or Backspace) on a focused card, not in one of its inputs, removes the card. */
export function deleteKey(rule: Rule, path: NodePath, onChange: (rule: Rule) => void) {
  return (event: KeyboardEvent<HTMLElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key !== 'Delete' && event.key !== 'Backspace') return;
    event.preventDefault();
    removeAndFocus(rule, path, onChange);
  };
}

/** Move up, move down, put in a group, remove: one node's buttons. */
export function NodeActions({
  rule,
  path,
  noun,
  onChange,
}: {
  rule: Rule;
  path: NodePath;
  noun: string;
  onChange(rule: Rule): void;
}) {
  const index = path[path.length - 1] ?? 0;
  const siblings = nodeAt(rule, path.slice(0, -1));
  const count = siblings?.type === 'group' ? siblings.conditions.length : 0;
  const move = (step: -1 | 1) => {
    onChange(moveNode(rule, path, step));
    focusNode([...path.slice(0, -1), index + step]);
  };
  return (
    <span className="node-actions">
      <button
        type="button"
        className="button small"
        data-action="move-up"
        aria-label={`Move this ${noun} up`}
        disabled={index === 0}
        onClick={() => move(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="button small"
        data-action="move-down"
        aria-label={`Move this ${noun} down`}
        disabled={index >= count - 1}
        onClick={() => move(1)}
      >
        ↓
      </button>
      <button
        type="button"
        className="button small"
        data-action="nest"
        aria-label={`Put this ${noun} in a new group`}
        disabled={!canWrap(rule, path)}
        onClick={() => {
          onChange(wrapInGroup(rule, path));
          focusNode(path);
        }}
      >
        Group
      </button>
      <button
        type="button"
        className="button small danger"
        data-action="remove"
        aria-label={`Remove this ${noun}`}
        onClick={() => removeAndFocus(rule, path, onChange)}
      >
        Remove
      </button>
    </span>
  );
}
