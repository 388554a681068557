// The server's 400 details (`{ field: 'body.rule.conditions.1.test.value', message }`) sorted
// to where the builder shows them: at a node of the rule, or at a field of the form.
import type { NodePath } from './rule-edits';

export interface FieldErrors {
  /** Messages per node, keyed by `nodeKey(path)`; each says which part of the node is wrong. */
  nodes: Map<string, string[]>;
  /** Messages per form field (name, description, rule for the rule as a whole). */
  form: Map<string, string[]>;
}

/** A node's path as a key: "1.0"; the rule itself is "". */
export const nodeKey = (path: NodePath) => path.join('.');

function push(map: Map<string, string[]>, key: string, message: string): void {
  map.set(key, [...(map.get(key) ?? []), message]);
}

/** Sorts the details of an ApiError; anything not shaped as expected is left out. */
export function fieldErrors(details: unknown): FieldErrors {
  const errors: FieldErrors = { nodes: new Map(), form: new Map() };
  if (!Array.isArray(details)) return errors;
  for (const issue of details as unknown[]) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { field, message } = issue as { field?: unknown; message?: unknown };
    if (typeof field !== 'string' || typeof message !== 'string') continue;
    const parts = field.replace(/^body\./, '').split('.');
    if (parts[0] !== 'rule') {
      push(errors.form, parts[0] ?? '', message);
      continue;
    }
    // rule.conditions.1.conditions.0.test.value → node [1, 0], part "test.value".
    const path: number[] = [];
    let i = 1;
    while (parts[i] === 'conditions' && /^\d+$/.test(parts[i + 1] ?? '')) {
      path.push(Number(parts[i + 1]));
      i += 2;
    }
    const rest = parts.slice(i).join('.');
    if (path.length === 0) push(errors.form, 'rule', rest ? `${rest}: ${message}` : message);
    else push(errors.nodes, nodeKey(path), rest ? `${rest}: ${message}` : message);
  }
  return errors;
}
