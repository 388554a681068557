import { useEffect, useState, type InputHTMLAttributes } from 'react';

/**
 * A number field that lets the text be unfinished ("", "-", "1e") while typing and passes on
 * only finite numbers; the shown text follows the value when it changes from outside.
 */
export function NumberInput({
  value,
  onValue,
  ...rest
}: { value: number; onValue(value: number): void } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'type'
>) {
  const [text, setText] = useState(String(value));
  useEffect(() => {
    setText((current) => (Number(current) === value && current !== '' ? current : String(value)));
  }, [value]);
  return (
    <input
      type="number"
      step="any"
      inputMode="decimal"
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        const number = Number(event.target.value);
        if (event.target.value.trim() !== '' && Number.isFinite(number)) onValue(number);
      }}
      {...rest}
    />
  );
}
