import { useState, type ComponentPropsWithoutRef } from 'react';
import { type ControlProps, Field } from './Field';
import { MaskedInput } from './MaskedInput';
import { brazilianDateText, dateFieldProblem, dateFieldValue, maskBrazilianDate } from './brazilian-date';

type DateInputProps = Omit<ComponentPropsWithoutRef<'input'>, 'value' | 'onChange' | 'type'> & {
  /** An ISO date, '' or text that is not a date (see dateFieldValue). */
  value: string;
  onChange: (value: string) => void;
};

/**
 * The text of a date input, kept while it is typed and following the value when the form sets it
 * (a reset, a default) to something the text does not already mean.
 */
function useDateText(value: string) {
  const [text, setText] = useState(() => brazilianDateText(value));
  const [shownValue, setShownValue] = useState(value);
  if (value !== shownValue) {
    setShownValue(value);
    if (dateFieldValue(text) !== value) setText(brazilianDateText(value));
  }
  return [text, setText] as const;
}

/** A date typed as dd/mm/aaaa in any browser (see brazilian-date.ts); the label comes from around it. */
export function DateInput({ value, onChange, ...props }: DateInputProps) {
  const [text, setText] = useDateText(value);
  return (
    <MaskedInput
      {...props}
      inputMode="numeric"
      autoComplete="off"
      placeholder="dd/mm/aaaa"
      maxLength={10}
      value={text}
      mask={maskBrazilianDate}
      onValueChange={(typed) => {
        setText(typed);
        onChange(dateFieldValue(typed));
      }}
    />
  );
}

interface DateFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The form's error; a date that does not exist is told more precisely by the field itself. */
  error?: string;
  hint?: string;
}

/** A labelled date input that says what is wrong with the date once the user leaves it. */
export function DateField({ label, value, onChange, error, hint }: DateFieldProps) {
  const [left, setLeft] = useState(false);
  const ownError = left || error ? dateFieldProblem(value) : undefined;
  return (
    <Field label={label} error={ownError ?? error} hint={hint}>
      {(control: ControlProps) => (
        <DateInput {...control} className="input--date" value={value} onChange={onChange} onBlur={() => setLeft(true)} />
      )}
    </Field>
  );
}
