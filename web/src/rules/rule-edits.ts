// The builder's edits as pure functions: each takes a rule and returns a new one, leaving the
// old one as it was (React state). A node is addressed by its path of indexes from the top
// container: [] is the rule itself, [2] its third node, [2, 0] the first node of that group.
import { RULE_LIMITS, type Match, type Rule, type RuleGroup, type RuleNode } from './rule-types';

export type NodePath = readonly number[];

interface Container {
  match: Match;
  conditions: RuleNode[];
}

/** The node at a path (the rule as a group for []), or undefined when there is none. */
export function nodeAt(rule: Rule, path: NodePath): RuleNode | undefined {
  let node: RuleNode = { type: 'group', match: rule.match, conditions: rule.conditions };
  for (const index of path) {
    if (node.type !== 'group') return undefined;
    const next: RuleNode | undefined = node.conditions[index];
    if (!next) return undefined;
    node = next;
  }
  return node;
}

/** The rule with the container at `path` replaced by `edit` of it; unchanged when no container is there. */
function editContainer(rule: Rule, path: NodePath, edit: (group: Container) => Container): Rule {
  const walk = (container: Container, rest: NodePath): Container | null => {
    if (rest.length === 0) return edit(container);
    const [index, ...tail] = rest as [number, ...number[]];
    const child = container.conditions[index];
    if (!child || child.type !== 'group') return null;
    const edited = walk(child, tail);
    if (!edited) return null;
    const conditions = [...container.conditions];
    conditions[index] = { type: 'group', match: edited.match, conditions: edited.conditions };
    return { ...container, conditions };
  };
  const edited = walk(rule, path);
  return edited ? { version: 1, match: edited.match, conditions: edited.conditions } : rule;
}

const parentOf = (path: NodePath) => ({ parent: path.slice(0, -1), index: path[path.length - 1] });

/** Appends a node (a condition or a group) to the container at `groupPath`. */
export function addNode(rule: Rule, groupPath: NodePath, node: RuleNode): Rule {
  return editContainer(rule, groupPath, (group) => ({
    ...group,
    conditions: [...group.conditions, node],
  }));
}

/** Replaces the node at `path` (a condition edited in its card). */
export function replaceNode(rule: Rule, path: NodePath, node: RuleNode): Rule {
  const { parent, index } = parentOf(path);
  if (index === undefined) return rule;
  return editContainer(rule, parent, (group) =>
    index < group.conditions.length
      ? { ...group, conditions: group.conditions.map((n, i) => (i === index ? node : n)) }
      : group,
  );
}

/** Removes the node at `path` (with everything in it, for a group). */
export function removeNode(rule: Rule, path: NodePath): Rule {
  const { parent, index } = parentOf(path);
  if (index === undefined) return rule;
  return editContainer(rule, parent, (group) => ({
    ...group,
    conditions: group.conditions.filter((_, i) => i !== index),
  }));
}

/** Moves the node at `path` one place up (-1) or down (+1) in its container; at an end it stays. */
export function moveNode(rule: Rule, path: NodePath, step: -1 | 1): Rule {
  const { parent, index } = parentOf(path);
  if (index === undefined) return rule;
  return editContainer(rule, parent, (group) => {
    const target = index + step;
    if (target < 0 || target >= group.conditions.length) return group;
    const conditions = [...group.conditions];
    const [moved] = conditions.splice(index, 1);
    if (moved) conditions.splice(target, 0, moved);
    return { ...group, conditions };
  });
}

/** Sets whether all, any or none of a container's nodes must hold. */
export function setMatch(rule: Rule, groupPath: NodePath, match: Match): Rule {
  return editContainer(rule, groupPath, (group) => ({ ...group, match }));
}

/** Puts the node at `path` inside a new group of its own (to add alternatives beside it). */
export function wrapInGroup(rule: Rule, path: NodePath, match: Match = 'any'): Rule {
  const node = nodeAt(rule, path);
  if (!node || path.length === 0) return rule;
  const group: RuleGroup = { type: 'group', match, conditions: [node] };
  return replaceNode(rule, path, group);
}

/** How deep the container at `groupPath` sits: the rule is 1, a group in it 2. */
export const depthOf = (groupPath: NodePath) => groupPath.length + 1;

/** Whether a group may be added inside the container at `groupPath` (the server's depth limit). */
export function canNestIn(groupPath: NodePath): boolean {
  return depthOf(groupPath) < RULE_LIMITS.depth;
}

/** The conditions of a rule in all, groups not counted. */
export function conditionCount(nodes: readonly RuleNode[]): number {
  return nodes.reduce(
    (n, node) => n + (node.type === 'group' ? conditionCount(node.conditions) : 1),
    0,
  );
}

/** How many levels of groups a node holds: 0 for a condition, 1 for a group of conditions. */
function groupHeight(node: RuleNode): number {
  if (node.type !== 'group') return 0;
  return 1 + Math.max(0, ...node.conditions.map(groupHeight));
}

/** Whether the node at `path` may be put in a new group without passing the depth limit. */
export function canWrap(rule: Rule, path: NodePath): boolean {
  const node = nodeAt(rule, path);
  if (!node || path.length === 0) return false;
  // The new group takes the node's place; the node's own groups move one level down.
  return path.length + groupHeight(node) < RULE_LIMITS.depth;
}
