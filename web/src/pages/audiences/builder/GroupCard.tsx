import { useState } from 'react';
import { CONDITION_KEYS, CONDITION_TYPES, newCondition } from '../../../rules/condition-types';
import { nodeKey } from '../../../rules/field-errors';
import { addNode, canNestIn, setMatch, type NodePath } from '../../../rules/rule-edits';
import type { ConditionType, Match, Rule, RuleNode } from '../../../rules/rule-types';
import type { BuilderTools } from './builder-tools';
import { ConditionCard } from './ConditionCard';
import { focusNode } from './focus-node';
import { deleteKey, NodeActions } from './NodeActions';

const MATCHES: { match: Match; label: string }[] = [
  { match: 'all', label: 'all of' },
  { match: 'any', label: 'any of' },
  { match: 'none', label: 'none of' },
];

/**
 * A container as a card: whether all, any or none of its nodes must hold, the nodes (groups
 * drawn recursively), and the buttons that add a condition of a chosen kind or a group.
 */
export function GroupCard({
  rule,
  path,
  match,
  nodes,
  tools,
  onChange,
}: {
  rule: Rule;
  path: NodePath;
  match: Match;
  nodes: RuleNode[];
  tools: BuilderTools;
  onChange(rule: Rule): void;
}) {
  const [kind, setKind] = useState<ConditionType>('value');
  const key = nodeKey(path);
  const root = path.length === 0;
  const errors = root ? tools.errors.form.get('rule') : tools.errors.nodes.get(key);
  const add = (node: RuleNode) => {
    onChange(addNode(rule, path, node));
    focusNode([...path, nodes.length]);
  };
  const Tag = root ? 'div' : 'li';
  return (
    <Tag
      className={`rule-card group-card${root ? ' root' : ''}${errors ? ' invalid' : ''}`}
      data-node={key}
      data-type="group"
      tabIndex={root ? undefined : 0}
      aria-label={root ? undefined : `Group ${path.map((i) => i + 1).join('.')}; Delete removes it`}
      onKeyDown={root ? undefined : deleteKey(rule, path, onChange)}
    >
      <div className="card-line">
        <label className="match">
          <span>{root ? 'Customers who match' : 'Group: match'}</span>
          <select
            data-role="match"
            value={match}
            onChange={(event) => onChange(setMatch(rule, path, event.target.value as Match))}
          >
            {MATCHES.map((m) => (
              <option key={m.match} value={m.match}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        {!root && <NodeActions rule={rule} path={path} noun="group" onChange={onChange} />}
      </div>
      {errors && (
        <ul className="field-errors" role="alert" data-role="node-errors">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      {nodes.length === 0 ? (
        <p className="muted group-empty">
          {match === 'any'
            ? 'No conditions: no one matches.'
            : 'No conditions: every customer matches.'}
        </p>
      ) : (
        <ol className="rule-nodes">
          {nodes.map((node, i) =>
            node.type === 'group' ? (
              <GroupCard
                key={i}
                rule={rule}
                path={[...path, i]}
                match={node.match}
                nodes={node.conditions}
                tools={tools}
                onChange={onChange}
              />
            ) : (
              <ConditionCard
                key={i}
                rule={rule}
                path={[...path, i]}
                condition={node}
                tools={tools}
                onChange={onChange}
              />
            ),
          )}
        </ol>
      )}
      <div className="add-line">
        <label>
          <span className="sr-only">Kind of condition to add</span>
          <select
            data-role="add-kind"
            value={kind}
            onChange={(event) => setKind(event.target.value as ConditionType)}
          >
            {CONDITION_KEYS.map((type) => (
              <option key={type} value={type} title={CONDITION_TYPES[type].hint}>
                {CONDITION_TYPES[type].label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button small"
          data-action="add-condition"
          onClick={() =>
            add(newCondition(kind, tools.attributes[0]?.name ?? '', tools.datasets[0]?.name ?? ''))
          }
        >
          Add condition
        </button>
        <button
          type="button"
          className="button small"
          data-action="add-group"
          disabled={!canNestIn(path)}
          onClick={() => add({ type: 'group', match: 'any', conditions: [] })}
        >
          Add group
        </button>
      </div>
    </Tag>
  );
}
