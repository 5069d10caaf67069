import { useState } from 'react';
import { documentProblem, type CustomerType } from '@receptivo/shared';
import { Field } from '../ui/Field';
import { MaskedInput } from '../ui/MaskedInput';
import { ExistingCustomerLink } from './ExistingCustomerLink';
import { documentLabel } from './labels';
import { maskDocument } from './masks';

interface DocumentFieldProps {
  type: CustomerType;
  value: string;
  onChange: (value: string) => void;
  /** The server's refusal of the document. */
  error: string | undefined;
  /** Who already has the document, as the server's conflict names them. */
  existingId: string | undefined;
  /** In an attendance: take the customer already registered instead. */
  onUseExisting?: (customerId: string) => void;
}

/** The CPF or CNPJ of a customer being registered or edited, masked as typed and checked on leaving it. */
export function DocumentField({ type, value, onChange, error, existingId, onUseExisting }: DocumentFieldProps) {
  /** Said when the attendant leaves the field, before [Salvar]: a filled document that cannot be right. */
  const [problem, setProblem] = useState<string | undefined>();
  return (
    <div>
      <Field label={documentLabel(type)} error={problem ?? error}>
        {(control) => (
          <MaskedInput
            {...control}
            className="input--medium"
            autoComplete="off"
            spellCheck={false}
            value={value}
            mask={(typed) => maskDocument(typed, type)}
            onValueChange={(typed) => {
              onChange(typed);
              setProblem(undefined);
            }}
            // Empty is left for [Salvar] to ask for: leaving a field blank is no mistake yet.
            onBlur={() => setProblem(value.trim() ? documentProblem(type, value) : undefined)}
          />
        )}
      </Field>
      {!problem && error && <ExistingCustomerLink customerId={existingId} onUse={onUseExisting} />}
    </div>
  );
}
