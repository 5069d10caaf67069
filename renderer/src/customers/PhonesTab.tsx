import { useState, type FormEvent } from 'react';
import { phoneIdentity, phoneInputSchema, phoneOnRecordMessage, phoneProblem, typedAreaCodeProblem, type CustomerPhone } from '@receptivo/shared';
import { describeError } from '../api/client';
import { useApi } from '../auth/SessionProvider';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Field, FormAlert } from '../ui/Field';
import { useFormSubmit } from '../ui/use-form-submit';
import type { CustomerTabProps } from './customer-tab';
import { addPhone, makePhonePrimary, removePhone } from './customers-api';

export function PhonesTab({ customer, onSaved }: CustomerTabProps) {
  const api = useApi();
  const [number, setNumber] = useState('');
  const { submitting, errors, submit } = useFormSubmit();
  /** Said as the number is typed or left, before [Adicionar]: an unknown DDD, a number already on the record. */
  const [typedError, setTypedError] = useState<string | undefined>();
  const [promoting, setPromoting] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<CustomerPhone | null>(null);

  /** The number as the record would refuse it; the server still decides for numbers without DDD. */
  function problemOf(typed: string): string | undefined {
    const problem = phoneProblem(typed);
    if (problem) return problem;
    const identity = phoneIdentity(typed);
    return customer.phones.some((phone) => phone.e164 === identity) ? phoneOnRecordMessage : undefined;
  }

  async function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setActionError(null);
    const problem = number.trim() ? problemOf(number) : undefined;
    setTypedError(problem);
    if (problem) return;
    await submit({
      parsed: phoneInputSchema.safeParse({ number }),
      fields: ['number'],
      send: async (data) => {
        onSaved(await addPhone(api, customer.id, data.number), 'Telefone adicionado.');
        setNumber('');
      },
    });
  }

  async function makePrimary(phone: CustomerPhone) {
    setPromoting(phone.id);
    setActionError(null);
    try {
      onSaved(await makePhonePrimary(api, customer.id, phone.id), `${phone.display} agora é o telefone principal.`);
    } catch (error) {
      setActionError(describeError(error));
    } finally {
      setPromoting(null);
    }
  }

  async function confirmRemoval(phone: CustomerPhone) {
    const updated = await removePhone(api, customer.id, phone.id);
    setRemoving(null);
    onSaved(updated, `Telefone ${phone.display} removido.`);
  }

  return (
    <div>
      <FormAlert message={actionError} />
      {customer.phones.length === 0 ? (
        <p className="muted">Nenhum telefone cadastrado.</p>
      ) : (
        <table className="table table--compact">
          <caption className="visually-hidden">Telefones do cliente</caption>
          <thead>
            <tr>
              <th scope="col">Telefone</th>
              <th scope="col">
                <span className="visually-hidden">Ações</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {customer.phones.map((phone) => (
              <tr key={phone.id}>
                <td>
                  <span className="mono">{phone.display}</span>
                  {phone.primary && <span className="badge badge--ok table__badge">Principal</span>}
                </td>
                <td className="table__actions">
                  {!phone.primary && (
                    <button
                      type="button"
                      className="button button--small"
                      disabled={promoting !== null}
                      onClick={() => makePrimary(phone)}
                    >
                      Tornar principal
                    </button>
                  )}
                  <button
                    type="button"
                    className="button button--small button--danger-secondary"
                    onClick={() => {
                      setActionError(null);
                      setRemoving(phone);
                    }}
                  >
                    Remover
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <form className="inline-form" onSubmit={onAdd} noValidate>
        <FormAlert message={errors.alert} />
        <div className="inline-field">
          <Field label="Novo telefone" hint="Com DDD, em qualquer formato." error={typedError ?? errors.fields.number}>
            {(control) => (
              <input
                {...control}
                inputMode="tel"
                autoComplete="off"
                value={number}
                onChange={(event) => {
                  setNumber(event.target.value);
                  setTypedError(typedAreaCodeProblem(event.target.value));
                }}
                onBlur={() => setTypedError(number.trim() ? problemOf(number) : undefined)}
              />
            )}
          </Field>
          <button type="submit" className="button" disabled={submitting}>
            Adicionar
          </button>
        </div>
      </form>

      {removing && (
        <ConfirmDialog
          title="Remover telefone"
          confirmLabel="Remover"
          danger
          onConfirm={() => confirmRemoval(removing)}
          onClose={() => setRemoving(null)}
        >
          <p>
            Remover o telefone <strong>{removing.display}</strong> do cadastro de <strong>{customer.name}</strong>?
          </p>
          {removing.primary && customer.phones.length > 1 && (
            <p className="field__hint">Outro telefone passará a ser o principal.</p>
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}
