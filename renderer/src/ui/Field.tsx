import { useId, type ReactNode } from 'react';

export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  children: (control: ControlProps) => ReactNode;
}

interface FieldMessagesProps {
  /** The control's id: the hint and the error take ids made from it (see describedByOf). */
  id: string;
  hint?: string;
  error?: string;
}

/** The aria-describedby of a control whose hint and error FieldMessages shows. */
export const describedByOf = ({ id, hint, error }: FieldMessagesProps) =>
  [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

/** A field's hint and error under its control, with the ids its aria-describedby names. */
export function FieldMessages({ id, hint, error }: FieldMessagesProps) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </>
  );
}

/** A labelled input with its hint and error tied to it for assistive technology. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedByOf({ id, hint, error }) })}
      <FieldMessages id={id} hint={hint} error={error} />
    </div>
  );
}

export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="alert alert--error">
      {message}
    </p>
  );
}

/** A checkbox with the field's error tied to it, as Field does for other inputs. */
export function CheckboxField({
  label,
  checked,
  onChange,
  hint,
  error,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  error?: string;
}) {
  const id = useId();
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedByOf({ id, hint, error })}
          onChange={(event) => onChange(event.target.checked)}
        />
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
    </div>
  );
}

/** A labelled one-line text input; the common case of `Field`. */
export function TextField({
  label,
  value,
  onChange,
  hint,
  error,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => <input {...control} autoComplete="off" value={value} onChange={(event) => onChange(event.target.value)} />}
    </Field>
  );
}

/** A labelled multi-line text input, for descriptions and answers. */
export function TextAreaField({
  label,
  value,
  onChange,
  hint,
  error,
  required,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string;
  required?: boolean;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <textarea {...control} rows={4} required={required} value={value} onChange={(event) => onChange(event.target.value)} />
      )}
    </Field>
  );
}
