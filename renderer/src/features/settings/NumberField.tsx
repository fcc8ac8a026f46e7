import { useId, useState } from 'react';

interface Props {
  label: string;
  value: number;
  onChange: (value: number) => void;
  /** The message shown under the field while the value is refused; null when it is fine. */
  error: string | null;
  hint?: string;
  min?: number;
  max?: number;
  step?: number;
  suffix?: string;
  testId: string;
  className?: string;
  /** Visually hidden label (tables label their own rows). */
  hideLabel?: boolean;
}

/** What the text says as a number; NaN for empty or unreadable text, which the settings refuse. */
function toNumber(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

/**
 * A number input that keeps what the user types (an empty box, "1." on the way to "1.5") while
 * handing every value to the draft at once; the draft's validation decides the error shown.
 */
export function NumberField(props: Props) {
  const { label, value, onChange, error, hint, min, max, step, suffix, testId, className, hideLabel } = props;
  const id = useId();
  const [text, setText] = useState(Number.isNaN(value) ? '' : String(value));
  const [shown, setShown] = useState(value);
  // The value changed from outside (reset to defaults, another workspace): show it.
  if (!Object.is(shown, value)) {
    setShown(value);
    if (!Object.is(toNumber(text), value)) setText(Number.isNaN(value) ? '' : String(value));
  }
  return (
    <div className={`number-field ${error ? 'has-error' : ''} ${className ?? ''}`.trim()}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : 'field-label'}>
        {label}
      </label>
      <span className="number-field__box">
        <input
          id={id}
          className="input input--number"
          type="number"
          inputMode="decimal"
          value={text}
          min={min}
          max={max}
          step={step ?? 1}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
          data-testid={testId}
          onChange={(e) => {
            setText(e.target.value);
            const next = toNumber(e.target.value);
            setShown(next);
            onChange(next);
          }}
        />
        {suffix ? <span className="number-field__suffix">{suffix}</span> : null}
      </span>
      {error ? (
        <span id={`${id}-error`} className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </span>
      ) : hint ? (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}
