import type { ReactNode } from 'react';

/**
 * One term of a facts list. The value carries its field name and raw value
 * (`data-field`, `data-value`) so a test can compare it with the API's answer.
 */
export function Fact({
  field,
  label,
  value,
  children,
}: {
  field: string;
  label: ReactNode;
  value: string | number | boolean | null;
  children: ReactNode;
}) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-field={field} data-value={value === null ? '' : String(value)}>
        {children}
      </dd>
    </>
  );
}
