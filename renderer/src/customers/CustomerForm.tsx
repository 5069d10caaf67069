import { useState, type FormEvent, type KeyboardEvent } from 'react';
import {
  createCustomerSchema,
  customerTypeLabels,
  customerTypes,
  duplicatePhoneMessage,
  phoneIdentity,
  phoneInputSchema,
  phoneProblem,
  typedAreaCodeProblem,
  type Customer,
  type CustomerType,
} from '@receptivo/shared';
import { useApi } from '../auth/SessionProvider';
import { Field, FormAlert } from '../ui/Field';
import { useFormSubmit } from '../ui/use-form-submit';
import { AddressFields, addressFieldPaths, emptyAddress, isBlankAddress, type AddressValues } from './AddressFields';
import { createCustomer } from './customers-api';
import { DocumentField } from './DocumentField';
import { nameLabel } from './labels';

/**
 * Registers a customer. A page today (/clientes/novo); written without routing so an attendance
 * can show it in a dialog and link the customer it creates.
 */
interface CustomerFormProps {
  onCreated: (customer: Customer) => void;
  onCancel: () => void;
  /** Offered when the CPF/CNPJ is already registered, instead of a link away (the desk links that customer). */
  onUseExisting?: (customerId: string) => void;
}

export function CustomerForm({ onCreated, onCancel, onUseExisting }: CustomerFormProps) {
  const api = useApi();
  const [type, setType] = useState<CustomerType>('person');
  const [name, setName] = useState('');
  const [tradeName, setTradeName] = useState('');
  const [documentNumber, setDocumentNumber] = useState('');
  const [email, setEmail] = useState('');
  const [phones, setPhones] = useState<string[]>([]);
  const [phoneDraft, setPhoneDraft] = useState('');
  const [phoneDraftError, setPhoneDraftError] = useState<string | undefined>();
  const [address, setAddress] = useState<AddressValues>(emptyAddress);
  const { submitting, errors, submit, clearErrors } = useFormSubmit();

  /** Moves the typed number into the list; returns the new list, or null when the number is refused. */
  function addDraftPhone(): string[] | null {
    const parsed = phoneInputSchema.safeParse({ number: phoneDraft });
    if (!parsed.success) {
      setPhoneDraftError(parsed.error.issues[0]?.message);
      return null;
    }
    const identity = phoneIdentity(parsed.data.number);
    if (phones.some((phone) => phoneIdentity(phone) === identity)) {
      setPhoneDraftError(duplicatePhoneMessage);
      return null;
    }
    const next = [...phones, parsed.data.number];
    setPhones(next);
    setPhoneDraft('');
    setPhoneDraftError(undefined);
    return next;
  }

  function removePhone(index: number) {
    setPhones(phones.filter((_, position) => position !== index));
    // Server errors name phones by position, which has just changed.
    clearErrors();
  }

  // Enter in the phone field adds the number instead of submitting the whole form.
  function onPhoneKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    addDraftPhone();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // A number typed but not added yet is meant to be saved too.
    const numbers = phoneDraft.trim() ? addDraftPhone() : phones;
    if (!numbers) return;
    const withAddress = !isBlankAddress(address);
    const common = {
      name,
      document: documentNumber,
      email,
      phones: numbers.map((number) => ({ number })),
      addresses: withAddress ? [address] : [],
    };
    await submit({
      parsed: createCustomerSchema.safeParse(type === 'person' ? { type, ...common } : { type, ...common, tradeName }),
      fields: [
        'name',
        'tradeName',
        'document',
        'email',
        'phones',
        ...numbers.map((_, index) => `phones.${index}.number`),
        ...(withAddress ? addressFieldPaths('addresses.0') : []),
      ],
      send: async (data) => onCreated(await createCustomer(api, data)),
    });
  }

  return (
    <form className="customer-form" onSubmit={onSubmit} noValidate>
      <FormAlert message={errors.alert} />
      <fieldset className="fieldset">
        <legend>Tipo de cliente</legend>
        <div className="radio-group">
          {customerTypes.map((option) => (
            <label key={option} className="checkbox">
              <input
                type="radio"
                name="customer-type"
                value={option}
                checked={type === option}
                onChange={() => {
                  setType(option);
                  clearErrors();
                }}
              />
              {customerTypeLabels[option]}
            </label>
          ))}
        </div>
        <p className="field__hint">
          O tipo não pode ser mudado depois do cadastro.
        </p>
      </fieldset>

      <fieldset className="fieldset">
        <legend>Identificação</legend>
        <div className="form-grid">
          <Field label={nameLabel(type)} error={errors.fields.name}>
            {(control) => (
              <input {...control} autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />
            )}
          </Field>
          {type === 'company' && (
            <Field label="Nome fantasia" hint="Opcional." error={errors.fields.tradeName}>
              {(control) => (
                <input
                  {...control}
                  autoComplete="off"
                  value={tradeName}
                  onChange={(event) => setTradeName(event.target.value)}
                />
              )}
            </Field>
          )}
          {/* Keyed by the type: a check made for the other type is not said for this one. */}
          <DocumentField
            key={type}
            type={type}
            value={documentNumber}
            onChange={setDocumentNumber}
            error={errors.fields.document}
            existingId={errors.existingId}
            onUseExisting={onUseExisting}
          />
          <Field label="E-mail" hint="Opcional. Necessário para o acesso ao autoatendimento." error={errors.fields.email}>
            {(control) => (
              <input
                {...control}
                type="email"
                autoComplete="off"
                spellCheck={false}
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>Telefones</legend>
        {phones.length > 0 && (
          <ul className="item-list" aria-label="Telefones a cadastrar">
            {phones.map((phone, index) => {
              const error = errors.fields[`phones.${index}.number`];
              return (
                <li key={`${index}-${phone}`} className="item-list__item">
                  <span className="mono">{phone}</span>
                  {index === 0 && <span className="badge badge--ok">Principal</span>}
                  <button type="button" className="button button--small" onClick={() => removePhone(index)}>
                    Remover
                  </button>
                  {error && <p className="field__error">{error}</p>}
                </li>
              );
            })}
          </ul>
        )}
        <div className="inline-field">
          <Field
            label="Telefone"
            hint="Com DDD. O primeiro da lista é o principal."
            error={phoneDraftError ?? errors.fields.phones}
          >
            {(control) => (
              <input
                {...control}
                inputMode="tel"
                autoComplete="off"
                value={phoneDraft}
                onChange={(event) => {
                  setPhoneDraft(event.target.value);
                  // A DDD that does not exist is said as soon as it is closed: "(00) …".
                  setPhoneDraftError(typedAreaCodeProblem(event.target.value));
                }}
                onBlur={() => setPhoneDraftError(phoneDraft.trim() ? phoneProblem(phoneDraft) : undefined)}
                onKeyDown={onPhoneKeyDown}
              />
            )}
          </Field>
          <button type="button" className="button" onClick={addDraftPhone}>
            Adicionar telefone
          </button>
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>Endereço (opcional)</legend>
        <AddressFields values={address} errors={errors.fields} prefix="addresses.0" onChange={setAddress} />
      </fieldset>

      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel} disabled={submitting}>
          Cancelar
        </button>
        <button type="submit" className="button button--primary" disabled={submitting}>
          Salvar
        </button>
      </div>
    </form>
  );
}
