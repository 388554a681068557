import type { FilterKey, ParamBinding } from '../../dashboards/dashboard-types';
import { bindingProblems, type QueryParameter } from '../../dashboards/query-params';

const FILTER_LABELS: Record<FilterKey, string> = {
  from: 'Dashboard period: first day',
  to: 'Dashboard period: day after the last',
  segment: 'Dashboard segment',
};

/** Each parameter of a saved query, bound to a dashboard filter or given a fixed value. */
export function ParamBindings({
  parameters,
  bindings,
  onChange,
}: {
  parameters: readonly QueryParameter[];
  bindings: Record<string, ParamBinding>;
  onChange(bindings: Record<string, ParamBinding>): void;
}) {
  if (parameters.length === 0) return null;
  const problems = bindingProblems(parameters, bindings);
  return (
    <div className="param-bindings" data-role="parameters">
      {parameters.map((p) => {
        const binding = bindings[p.name] ?? { value: null };
        const choice = 'filter' in binding ? binding.filter : 'value';
        return (
          <div key={p.name} className="param-row" data-param={p.name}>
            <label>
              <span>
                {p.name} <small className="muted">({p.type})</small>
              </span>
              <select
                name={`param-${p.name}`}
                value={choice}
                onChange={(event) => {
                  const to = event.target.value;
                  const next: ParamBinding =
                    to === 'value' ? { value: null } : { filter: to as FilterKey };
                  onChange({ ...bindings, [p.name]: next });
                }}
              >
                <option value="value">A fixed value</option>
                {(Object.keys(FILTER_LABELS) as FilterKey[]).map((f) => (
                  <option key={f} value={f}>
                    {FILTER_LABELS[f]}
                  </option>
                ))}
              </select>
            </label>
            {'value' in binding && (
              <label>
                <span className="sr-only">Value of {p.name}</span>
                <input
                  name={`param-${p.name}-value`}
                  type={p.type === 'number' ? 'number' : p.type === 'date' ? 'date' : 'text'}
                  placeholder="the query’s default"
                  value={binding.value === null ? '' : String(binding.value)}
                  onChange={(event) => {
                    const text = event.target.value;
                    const value = text === '' ? null : p.type === 'number' ? Number(text) : text;
                    onChange({ ...bindings, [p.name]: { value } });
                  }}
                />
              </label>
            )}
          </div>
        );
      })}
      {problems.map((problem) => (
        <p key={problem} className="hint">
          {problem}
        </p>
      ))}
    </div>
  );
}
