import { brazilianStates, type Address } from '@receptivo/shared';
import { Field } from '../ui/Field';
import type { FieldErrors } from '../ui/form-errors';
import { MaskedInput } from '../ui/MaskedInput';
import { maskCep } from './masks';

const addressKeys = ['cep', 'street', 'number', 'complement', 'neighborhood', 'city', 'state'] as const;

/** What the inputs hold; the shared address schema turns it into an Address. */
export type AddressValues = Record<(typeof addressKeys)[number], string>;

export const emptyAddress: AddressValues = {
  cep: '',
  street: '',
  number: '',
  complement: '',
  neighborhood: '',
  city: '',
  state: '',
};

export const addressValuesOf = (address: Address): AddressValues => ({
  cep: maskCep(address.cep),
  street: address.street,
  number: address.number,
  complement: address.complement ?? '',
  neighborhood: address.neighborhood,
  city: address.city,
  state: address.state,
});

export const isBlankAddress = (values: AddressValues) => addressKeys.every((key) => !values[key].trim());

/** Error paths of one address in a list, as the schemas and the server name them ("addresses.0.cep"). */
export const addressFieldPaths = (prefix: string) => addressKeys.map((key) => `${prefix}.${key}`);

/** Rua Tal, 123, apto 4 — Centro — São Paulo/SP */
export function describeAddress(address: Omit<Address, 'cep'>): string {
  const street = [address.street, address.number, address.complement].filter(Boolean).join(', ');
  return `${street} — ${address.neighborhood} — ${address.city}/${address.state}`;
}

export function AddressFields({
  values,
  errors,
  prefix,
  onChange,
}: {
  values: AddressValues;
  errors: FieldErrors;
  prefix: string;
  onChange: (values: AddressValues) => void;
}) {
  const error = (key: keyof AddressValues) => errors[`${prefix}.${key}`];
  const text = (key: keyof AddressValues, autoComplete: string) => ({
    autoComplete,
    value: values[key],
    onChange: (event: { target: { value: string } }) => onChange({ ...values, [key]: event.target.value }),
  });

  return (
    <div className="form-grid">
      <Field label="CEP" error={error('cep')}>
        {(control) => (
          <MaskedInput
            {...control}
            className="input--short"
            inputMode="numeric"
            autoComplete="postal-code"
            value={values.cep}
            mask={maskCep}
            onValueChange={(cep) => onChange({ ...values, cep })}
          />
        )}
      </Field>
      <Field label="Logradouro" error={error('street')}>
        {(control) => <input {...control} {...text('street', 'address-line1')} />}
      </Field>
      <Field label="Número" error={error('number')}>
        {(control) => <input {...control} className="input--short" {...text('number', 'off')} />}
      </Field>
      <Field label="Complemento" error={error('complement')}>
        {(control) => <input {...control} {...text('complement', 'address-line2')} />}
      </Field>
      <Field label="Bairro" error={error('neighborhood')}>
        {(control) => <input {...control} {...text('neighborhood', 'address-level3')} />}
      </Field>
      <Field label="Cidade" error={error('city')}>
        {(control) => <input {...control} {...text('city', 'address-level2')} />}
      </Field>
      <Field label="UF" error={error('state')}>
        {(control) => (
          <select
            {...control}
            className="input--short"
            value={values.state}
            onChange={(event) => onChange({ ...values, state: event.target.value })}
          >
            <option value="">Selecione</option>
            {brazilianStates.map((state) => (
              <option key={state} value={state}>
                {state}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
