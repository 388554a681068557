/**
 * A choice of one among a few methods as segmented buttons: a radio group a keyboard reaches,
 * each button named by `data-action` and `data-method` for scripts and tests.
 */
export function MethodSwitch<K extends string>({
  label,
  action,
  options,
  value,
  onChange,
}: {
  /** What is chosen, for screen readers. */
  label: string;
  action: string;
  options: readonly { key: K; label: string }[];
  value: K;
  onChange(key: K): void;
}) {
  return (
    <span className="segmented" role="radiogroup" aria-label={label}>
      {options.map(({ key, label: text }) => (
        <button
          key={key}
          type="button"
          role="radio"
          aria-checked={value === key}
          data-action={action}
          data-method={key}
          onClick={() => onChange(key)}
        >
          {text}
        </button>
      ))}
    </span>
  );
}
