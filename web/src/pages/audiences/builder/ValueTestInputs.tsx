import type { FieldKind } from '../../../rules/feature-fields';
import type { NumberOp, TextOp, ValueTest } from '../../../rules/rule-types';
import { changeOp, opsFor, TEST_OPS } from '../../../rules/value-tests';
import { NumberInput } from './NumberInput';

type TextTest = { op: TextOp; value: string };
type NumberTest = { op: NumberOp; value: number };
const isTextTest = (test: ValueTest): test is TextTest =>
  'value' in test && typeof test.value === 'string';
const isNumberTest = (test: ValueTest): test is NumberTest =>
  'value' in test && typeof test.value === 'number';

/**
 * The test of a value: the operator, then the inputs it needs (text, a list one per line, a
 * number or two, a date, days). `label` names the value in every control's label.
 */
export function ValueTestInputs({
  test,
  kind,
  label,
  suggestions,
  onChange,
}: {
  test: ValueTest;
  /** The kind of the value; undefined for an attribute (every test). */
  kind: FieldKind | undefined;
  label: string;
  /** Known values offered while typing text (an attribute's top values). */
  suggestions?: readonly string[];
  onChange(test: ValueTest): void;
}) {
  const listId = suggestions?.length ? `values-${label.replace(/\W+/g, '-')}` : undefined;
  return (
    <span className="value-test">
      <select
        aria-label={`Test of ${label}`}
        data-role="test-op"
        value={test.op}
        onChange={(event) => onChange(changeOp(test, event.target.value as ValueTest['op']))}
      >
        {opsFor(kind).map((op) => (
          <option key={op} value={op}>
            {TEST_OPS[op].label}
          </option>
        ))}
      </select>
      {isTextTest(test) && (
        <>
          <input
            type="text"
            aria-label={`Value of ${label}`}
            data-role="test-value"
            list={listId}
            value={test.value}
            onChange={(event) => onChange({ ...test, value: event.target.value })}
          />
          {listId && (
            <datalist id={listId}>
              {suggestions?.map((value) => (
                <option key={value} value={value} />
              ))}
            </datalist>
          )}
        </>
      )}
      {'values' in test && (
        <textarea
          aria-label={`Values of ${label}, one per line`}
          data-role="test-values"
          rows={Math.min(6, Math.max(2, test.values.length + 1))}
          value={test.values.join('\n')}
          onChange={(event) =>
            onChange({
              ...test,
              values: event.target.value
                .split('\n')
                .filter((v, i, all) => v !== '' || i < all.length - 1),
            })
          }
        />
      )}
      {isNumberTest(test) && (
        <NumberInput
          aria-label={`Number for ${label}`}
          data-role="test-value"
          value={test.value}
          onValue={(value) => onChange({ ...test, value })}
        />
      )}
      {test.op === 'between' && (
        <>
          <NumberInput
            aria-label={`Lowest ${label}`}
            data-role="test-min"
            value={test.min}
            onValue={(min) => onChange({ ...test, min })}
          />
          <span aria-hidden="true">and</span>
          <NumberInput
            aria-label={`Highest ${label}`}
            data-role="test-max"
            value={test.max}
            onValue={(max) => onChange({ ...test, max })}
          />
        </>
      )}
      {'date' in test && (
        <input
          type="date"
          aria-label={`Date for ${label}`}
          data-role="test-date"
          value={test.date}
          onChange={(event) => onChange({ ...test, date: event.target.value })}
        />
      )}
      {'days' in test && (
        <NumberInput
          aria-label={`Days for ${label}`}
          data-role="test-days"
          min={0}
          step={1}
          value={test.days}
          onValue={(days) => onChange({ ...test, days: Math.max(0, Math.round(days)) })}
        />
      )}
    </span>
  );
}
