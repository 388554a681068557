import { CONDITION_TYPES } from '../../../rules/condition-types';
import { nodeKey } from '../../../rules/field-errors';
import { replaceNode, type NodePath } from '../../../rules/rule-edits';
import type { Condition, Rule } from '../../../rules/rule-types';
import type { BuilderTools } from './builder-tools';
import { ConditionFields } from './ConditionFields';
import { deleteKey, NodeActions } from './NodeActions';

/** One condition as a card: its kind, its inputs, its actions and the server's errors about it. */
export function ConditionCard({
  rule,
  path,
  condition,
  tools,
  onChange,
}: {
  rule: Rule;
  path: NodePath;
  condition: Condition;
  tools: BuilderTools;
  onChange(rule: Rule): void;
}) {
  const key = nodeKey(path);
  const errors = tools.errors.nodes.get(key);
  const title = CONDITION_TYPES[condition.type].label;
  return (
    <li
      className={`rule-card condition-card${errors ? ' invalid' : ''}`}
      data-node={key}
      data-type={condition.type}
      tabIndex={0}
      aria-label={`${title} condition ${path.map((i) => i + 1).join('.')}; Delete removes it`}
      aria-invalid={errors ? true : undefined}
      onKeyDown={deleteKey(rule, path, onChange)}
    >
      <div className="card-line">
        <strong className="node-kind">{title}</strong>
        <NodeActions rule={rule} path={path} noun="condition" onChange={onChange} />
      </div>
      <div className="card-fields">
        <ConditionFields
          condition={condition}
          tools={tools}
          onChange={(next) => onChange(replaceNode(rule, path, next))}
        />
      </div>
      {errors && (
        <ul className="field-errors" role="alert" data-role="node-errors">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </li>
  );
}
