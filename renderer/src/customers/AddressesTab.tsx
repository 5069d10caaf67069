import { useState, type FormEvent } from 'react';
import { updateCustomerSchema, type Address, type Customer, type StoredAddress } from '@receptivo/shared';
import { useApi } from '../auth/SessionProvider';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Dialog } from '../ui/Dialog';
import { FormAlert } from '../ui/Field';
import { useFormSubmit } from '../ui/use-form-submit';
import {
  AddressFields,
  addressFieldPaths,
  addressValuesOf,
  describeAddress,
  emptyAddress,
  type AddressValues,
} from './AddressFields';
import type { CustomerTabProps } from './customer-tab';
import { updateCustomer } from './customers-api';
import { maskCep } from './masks';

const addressOf = ({ cep, street, number, complement, neighborhood, city, state }: StoredAddress): Address => ({
  cep,
  street,
  number,
  complement,
  neighborhood,
  city,
  state,
});

/** The API replaces the whole list, so every change sends all the addresses the customer keeps. */
export function AddressesTab({ customer, onSaved }: CustomerTabProps) {
  const api = useApi();
  const [editing, setEditing] = useState<number | null>(null);
  const [removing, setRemoving] = useState<number | null>(null);
  const addresses = customer.addresses;

  async function confirmRemoval(index: number) {
    const kept = addresses.filter((_, position) => position !== index).map(addressOf);
    const updated = await updateCustomer(api, customer.id, { addresses: kept });
    setRemoving(null);
    onSaved(updated, 'Endereço removido.');
  }

  return (
    <div>
      <div className="toolbar">
        <p className="toolbar__summary">
          {addresses.length === 0
            ? 'Nenhum endereço cadastrado.'
            : addresses.length === 1
              ? '1 endereço'
              : `${addresses.length} endereços`}
        </p>
        <button type="button" className="button button--primary" onClick={() => setEditing(addresses.length)}>
          Novo endereço
        </button>
      </div>
      {addresses.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Endereços do cliente</caption>
          <thead>
            <tr>
              <th scope="col">Endereço</th>
              <th scope="col">CEP</th>
              <th scope="col">
                <span className="visually-hidden">Ações</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {addresses.map((address, index) => (
              <tr key={address.id}>
                <td>{describeAddress(address)}</td>
                <td className="mono">{maskCep(address.cep)}</td>
                <td className="table__actions">
                  <button type="button" className="button button--small" onClick={() => setEditing(index)}>
                    Editar
                  </button>
                  <button type="button" className="button button--small button--danger-secondary" onClick={() => setRemoving(index)}>
                    Remover
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {editing !== null && (
        <AddressDialog
          customer={customer}
          index={editing}
          onSaved={(updated) => {
            setEditing(null);
            onSaved(updated, editing < addresses.length ? 'Endereço atualizado.' : 'Endereço adicionado.');
          }}
          onClose={() => setEditing(null)}
        />
      )}
      {removing !== null && (
        <ConfirmDialog
          title="Remover endereço"
          confirmLabel="Remover"
          danger
          onConfirm={() => confirmRemoval(removing)}
          onClose={() => setRemoving(null)}
        >
          <p>
            Remover o endereço <strong>{describeAddress(addresses[removing])}</strong>?
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** Edits the address at `index`; an index past the end adds a new one. */
function AddressDialog({
  customer,
  index,
  onSaved,
  onClose,
}: {
  customer: Customer;
  index: number;
  onSaved: (customer: Customer) => void;
  onClose: () => void;
}) {
  const api = useApi();
  const existing = customer.addresses[index];
  const [values, setValues] = useState<AddressValues>(existing ? addressValuesOf(existing) : emptyAddress);
  const { submitting, errors, submit } = useFormSubmit();
  const prefix = `addresses.${index}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const addresses: unknown[] = customer.addresses.map(addressOf);
    addresses[index] = values;
    await submit({
      parsed: updateCustomerSchema.safeParse({ addresses }),
      fields: addressFieldPaths(prefix),
      send: async (data) => onSaved(await updateCustomer(api, customer.id, data)),
    });
  }

  return (
    <Dialog title={existing ? 'Editar endereço' : 'Novo endereço'} onClose={submitting ? undefined : onClose}>
      <form onSubmit={onSubmit} noValidate>
        <FormAlert message={errors.alert} />
        <AddressFields values={values} errors={errors.fields} prefix={prefix} onChange={setValues} />
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose} disabled={submitting}>
            Cancelar
          </button>
          <button type="submit" className="button button--primary" disabled={submitting}>
            Salvar
          </button>
        </div>
      </form>
    </Dialog>
  );
}
