import type { DatasetCondition } from '../../../rules/rule-types';
import { firstTest, opsFor } from '../../../rules/value-tests';
import type { BuilderTools } from './builder-tools';
import { ValueTestInputs } from './ValueTestInputs';

/**
 * A dataset condition: in (or not in) a dataset, with any row or a row whose column passes a
 * test. A name the store no longer lists stays shown, so the server's error can say why.
 */
export function DatasetFields({
  condition,
  tools,
  onChange,
}: {
  condition: DatasetCondition;
  tools: BuilderTools;
  onChange(condition: DatasetCondition): void;
}) {
  const names = tools.datasets.map((d) => d.name);
  if (condition.dataset && !names.includes(condition.dataset)) names.push(condition.dataset);
  const columns = tools.datasets.find((d) => d.name === condition.dataset)?.columns ?? [];
  const columnNames = columns.map((c) => c.name);
  if (condition.column !== undefined && !columnNames.includes(condition.column)) {
    columnNames.push(condition.column);
  }
  const kind = columns.find((c) => c.name === condition.column)?.kind;
  // A text column may be read as a number or a date, so it gets every test (as an attribute).
  const testKind = kind === 'text' ? undefined : kind;
  const { column: _column, test: _test, ...anyRow } = condition;
  void _column;
  void _test;
  return (
    <>
      <select
        aria-label="Dataset membership"
        data-role="member"
        value={condition.member ? 'yes' : 'no'}
        onChange={(event) => onChange({ ...condition, member: event.target.value === 'yes' })}
      >
        <option value="yes">is in</option>
        <option value="no">is not in</option>
      </select>
      <select
        aria-label="Dataset"
        data-role="dataset"
        value={condition.dataset}
        onChange={(event) => onChange({ ...anyRow, dataset: event.target.value })}
      >
        {!condition.dataset && (
          <option value="">{names.length ? 'Choose a dataset…' : 'No dataset yet'}</option>
        )}
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <select
        aria-label="Dataset column"
        data-role="dataset-column"
        value={condition.column ?? ''}
        onChange={(event) => {
          const name = event.target.value;
          if (name === '') {
            onChange(anyRow);
            return;
          }
          const next = columns.find((c) => c.name === name)?.kind;
          const nextKind = next === 'text' ? undefined : next;
          const test =
            condition.test && opsFor(nextKind).includes(condition.test.op)
              ? condition.test
              : firstTest(nextKind === undefined ? 'text' : nextKind);
          onChange({ ...anyRow, column: name, test });
        }}
      >
        <option value="">with any row</option>
        {columnNames.map((name) => (
          <option key={name} value={name}>
            with {name}
          </option>
        ))}
      </select>
      {condition.column !== undefined && condition.test !== undefined && (
        <ValueTestInputs
          test={condition.test}
          kind={testKind}
          label={condition.column}
          onChange={(test) => onChange({ ...condition, test })}
        />
      )}
    </>
  );
}
