import type { ComponentPropsWithoutRef } from 'react';

type MaskedInputProps = Omit<ComponentPropsWithoutRef<'input'>, 'value' | 'onChange'> & {
  value: string;
  onValueChange: (value: string) => void;
  mask: (value: string) => string;
};

/**
 * A text input that formats as the user types or pastes. Reformatting while the caret is mid-text
 * would throw it to the end, so such edits keep the text as typed until the field loses focus.
 */
export function MaskedInput({ value, onValueChange, mask, onBlur, ...props }: MaskedInputProps) {
  return (
    <input
      {...props}
      value={value}
      onChange={(event) => {
        const { value: typed, selectionStart } = event.target;
        onValueChange(selectionStart === null || selectionStart >= typed.length ? mask(typed) : typed);
      }}
      onBlur={(event) => {
        onValueChange(mask(event.target.value));
        onBlur?.(event);
      }}
    />
  );
}
