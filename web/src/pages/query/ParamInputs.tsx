import type { ParamField } from './query-params';

/** An input per `{{name}}` placeholder of the SQL: a date, a number or text; Enter runs. */
export function ParamInputs({
  fields,
  values,
  onChange,
  onRun,
}: {
  fields: readonly ParamField[];
  values: Readonly<Record<string, string>>;
  onChange(name: string, value: string): void;
  /** Enter in a field runs the query, as in a form. */
  onRun(): void;
}) {
  if (fields.length === 0) return null;
  return (
    <fieldset className="query-params" data-role="query-params">
      <legend>Parameters</legend>
      {fields.map((field) => (
        <label key={field.name} data-param={field.name}>
          {field.name}
          <input
            type={field.input}
            name={`param-${field.name}`}
            value={values[field.name] ?? ''}
            step={field.input === 'number' ? 'any' : undefined}
            onChange={(event) => onChange(field.name, event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') onRun();
            }}
          />
        </label>
      ))}
    </fieldset>
  );
}
