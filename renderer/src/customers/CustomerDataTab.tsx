import { useState, type FormEvent } from 'react';
import { formatDocument, stripDocument, updateCustomerSchemaFor } from '@receptivo/shared';
import { useApi } from '../auth/SessionProvider';
import { Field, FormAlert } from '../ui/Field';
import { useFormSubmit } from '../ui/use-form-submit';
import type { CustomerTabProps } from './customer-tab';
import { updateCustomer } from './customers-api';
import { DocumentField } from './DocumentField';
import { nameLabel } from './labels';

const fields = ['name', 'tradeName', 'document', 'email'] as const;
type Values = Record<(typeof fields)[number], string>;

export function CustomerDataTab({ customer, onSaved, focusEmail }: CustomerTabProps & { focusEmail?: boolean }) {
  const api = useApi();
  const [values, setValues] = useState<Values>({
    name: customer.name,
    tradeName: customer.tradeName ?? '',
    document: formatDocument(customer.document),
    email: customer.email ?? '',
  });
  const { submitting, errors, submit } = useFormSubmit();
  const set = (field: keyof Values) => (value: string) => setValues((current) => ({ ...current, [field]: value }));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Only what changed is sent, so a concurrent edit of another field is not overwritten.
    const patch: Partial<Values> = {};
    if (values.name.trim() !== customer.name) patch.name = values.name;
    if (customer.type === 'company' && (values.tradeName.trim() || null) !== customer.tradeName) {
      patch.tradeName = values.tradeName;
    }
    if (stripDocument(values.document) !== customer.document) patch.document = values.document;
    if ((values.email.trim().toLowerCase() || null) !== customer.email) patch.email = values.email;
    await submit({
      parsed: updateCustomerSchemaFor(customer.type).safeParse(patch),
      fields,
      send: async (data) => onSaved(await updateCustomer(api, customer.id, data), 'Dados do cliente salvos.'),
    });
  }

  return (
    <form className="customer-form" onSubmit={onSubmit} noValidate>
      <FormAlert message={errors.alert} />
      <div className="form-grid">
        <Field label={nameLabel(customer.type)} error={errors.fields.name}>
          {(control) => (
            <input {...control} autoComplete="off" value={values.name} onChange={(event) => set('name')(event.target.value)} />
          )}
        </Field>
        {customer.type === 'company' && (
          <Field label="Nome fantasia" error={errors.fields.tradeName}>
            {(control) => (
              <input
                {...control}
                autoComplete="off"
                value={values.tradeName}
                onChange={(event) => set('tradeName')(event.target.value)}
              />
            )}
          </Field>
        )}
        <DocumentField
          type={customer.type}
          value={values.document}
          onChange={set('document')}
          error={errors.fields.document}
          existingId={errors.existingId}
        />
        <Field label="E-mail" hint="Usado para o acesso ao autoatendimento." error={errors.fields.email}>
          {(control) => (
            <input
              {...control}
              type="email"
              autoComplete="off"
              spellCheck={false}
              autoFocus={focusEmail}
              value={values.email}
              onChange={(event) => set('email')(event.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={submitting}>
          Salvar
        </button>
      </div>
    </form>
  );
}
