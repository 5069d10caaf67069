import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { registerRequestSchema, type Attendance, type Request } from '@receptivo/shared';
import { useApi } from '../auth/SessionProvider';
import {
  AddressFields,
  addressFieldPaths,
  addressValuesOf,
  emptyAddress,
  isBlankAddress,
  type AddressValues,
} from '../customers/AddressFields';
import { customerQuery } from '../customers/customers-api';
import type { RequestTypeSummary } from '../knowledge/knowledge-api';
import { hoursLabel } from '../knowledge/labels';
import { RichText } from '../knowledge/RichText';
import { useDrafts } from '../offline/DraftsProvider';
import { FormAlert } from '../ui/Field';
import { SchemaForm } from '../ui/schema-form/SchemaForm';
import { emptyValue, fieldsOf, type FormValue } from '../ui/schema-form/schema-form';
import { useFormSubmit } from '../ui/use-form-submit';

interface RequestFormProps {
  attendance: Attendance;
  requestType: RequestTypeSummary;
  onSaved: (request: Request) => void;
  /** Kept as a draft until the server is reached; the protocol comes then. */
  onQueued: () => void;
  onCancel: () => void;
  /** True once the attendant has typed or chosen anything, so leaving can ask first. */
  onDirtyChange: (dirty: boolean) => void;
  /** Takes a refusal because the attendance was already finished; false for any other error. */
  onFinishedElsewhere: (error: unknown) => boolean;
}

/** The server names form errors "form.<property>"; the schema form keys them by property. */
const formPrefix = 'form.';

/** A request of one type: its form, the address and, beside them, the Orientação ao Operador. */
export function RequestForm({ attendance, requestType, onSaved, onQueued, onCancel, onDirtyChange, onFinishedElsewhere }: RequestFormProps) {
  const api = useApi();
  const { queue } = useDrafts();
  const titleId = useId();
  const guidanceId = useId();
  const [value, setValue] = useState<FormValue>(() => emptyValue(requestType.formSchema));
  const [address, setAddress] = useState<AddressValues>(emptyAddress);
  const [addressFromCustomer, setAddressFromCustomer] = useState(false);
  const [dirty, setDirty] = useState(false);
  const { submitting, errors, submit } = useFormSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  /** An address typed before the customer's arrives is kept. */
  const addressTouched = useRef(false);
  const customerId = attendance.customer?.id;

  const fieldPaths = [
    ...fieldsOf(requestType.formSchema).map((field) => `${formPrefix}${field.name}`),
    'address',
    ...addressFieldPaths('address'),
  ];
  const formErrors = Object.fromEntries(
    Object.entries(errors.fields)
      .filter(([path]) => path.startsWith(formPrefix))
      .map(([path, message]) => [path.slice(formPrefix.length), message]),
  );

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  // The attendance summary has no addresses: the customer's first one comes from the customer record.
  // Without it (not found, no link) the attendant types the address, as for a caller not identified.
  const customer = useQuery({ ...customerQuery(api, customerId ?? ''), enabled: Boolean(customerId) });
  useEffect(() => {
    const first = customer.data?.addresses[0];
    if (!first || addressTouched.current) return;
    setAddress(addressValuesOf(first));
    setAddressFromCustomer(true);
  }, [customer.data]);

  // On opening, the first field (a refusal focuses the first field refused: useFormSubmit).
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, []);

  function changeValue(next: FormValue) {
    setValue(next);
    setDirty(true);
  }

  function changeAddress(next: AddressValues) {
    addressTouched.current = true;
    setAddress(next);
    setAddressFromCustomer(false);
    setDirty(true);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const leftBlank = isBlankAddress(address) && !requestType.addressRequired;
    await submit({
      parsed: registerRequestSchema.safeParse({ requestTypeId: requestType.id, form: value, address: leftBlank ? null : address }),
      fields: fieldPaths,
      send: async (data) => {
        try {
          const outcome = await queue.submit(attendance, { kind: 'register-request', body: data, typeName: requestType.name });
          if (outcome.state === 'sent') onSaved(outcome.answer);
          else onQueued();
        } catch (error) {
          if (!onFinishedElsewhere(error)) throw error;
        }
      },
    });
  }

  return (
    <section className="request-form" aria-label="Nova solicitação">
      <header className="request-form__header">
        <h2 id={titleId}>{`Nova solicitação: ${requestType.name}`}</h2>
        <p className="muted">{`${requestType.organName} · Prazo: ${hoursLabel(requestType.slaHours)}`}</p>
      </header>
      <div className="request-form__layout">
        <form ref={formRef} className="request-form__form" aria-labelledby={titleId} onSubmit={onSubmit} noValidate>
          <FormAlert message={errors.alert} />
          <div className="fieldset request-form__fields">
            <SchemaForm schema={requestType.formSchema} value={value} errors={formErrors} onChange={changeValue} />
          </div>
          <fieldset className="fieldset">
            <legend>{requestType.addressRequired ? 'Endereço da solicitação' : 'Endereço da solicitação (opcional)'}</legend>
            {addressFromCustomer && (
              <p className="field__hint">Endereço do cliente vinculado: confirme com o cidadão o local da solicitação.</p>
            )}
            {errors.fields.address && <p className="field__error">{errors.fields.address}</p>}
            <AddressFields values={address} errors={errors.fields} prefix="address" onChange={changeAddress} />
            {!isBlankAddress(address) && (
              <button type="button" className="button button--small request-form__clear" onClick={() => changeAddress(emptyAddress)}>
                Limpar endereço
              </button>
            )}
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
        <section className="request-form__guidance" aria-labelledby={guidanceId}>
          <h3 id={guidanceId}>Orientação ao Operador</h3>
          <RichText html={requestType.operatorGuidance} />
        </section>
      </div>
    </section>
  );
}
