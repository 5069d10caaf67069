import { useId, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { portalNewRequestSchema, type PortalCatalog, type PortalRequest, type PortalRequestType } from '@receptivo/shared';
import { AddressFields, addressFieldPaths, emptyAddress, isBlankAddress, type AddressValues } from '../customers/AddressFields';
import { hoursLabel } from '../knowledge/labels';
import { Field, FormAlert } from '../ui/Field';
import { formatDateTime } from '../ui/format';
import { LoadFailed } from '../ui/LoadFailed';
import { Protocol } from '../ui/Protocol';
import { SchemaForm } from '../ui/schema-form/SchemaForm';
import { emptyValue, fieldsOf, type FormValue } from '../ui/schema-form/schema-form';
import { useFormSubmit } from '../ui/use-form-submit';
import { catalogQuery, protocolsKey, registerRequest } from './portal-api';
import { portalPaths } from './portal-paths';
import { PortalPage } from './PortalPage';
import { usePortalApi } from './PortalSessionProvider';
import { groupNote } from './RequestBadges';

type Category = PortalCatalog['categories'][number];

/** The server names form errors "form.<property>"; the schema form keys them by property. */
const formPrefix = 'form.';

/**
 * Nova solicitação: a category, a request type, the type's form and address, and a protocol back.
 * The chosen type is in the address (`?tipo=`), so the knowledge's [Registrar solicitação] links here.
 */
export function NewRequestPage() {
  const api = usePortalApi();
  const catalog = useQuery(catalogQuery(api));
  const [params, setParams] = useSearchParams();
  const [registered, setRegistered] = useState<PortalRequest | null>(null);
  const typeId = params.get('tipo');
  const categories = catalog.data?.categories ?? [];
  const categoryHolding = (id: string | null) => categories.find((category) => category.requestTypes.some((type) => type.id === id));
  const [categoryId, setCategoryId] = useState<string>('');
  const category = categories.find((candidate) => candidate.id === categoryId) ?? categoryHolding(typeId);
  const requestType = category?.requestTypes.find((type) => type.id === typeId);

  function chooseCategory(id: string) {
    setCategoryId(id);
    setParams({}, { replace: true });
  }

  function chooseType(id: string) {
    setParams(id ? { tipo: id } : {}, { replace: true });
  }

  function onRegistered(request: PortalRequest) {
    setRegistered(request);
    setParams({}, { replace: true });
  }

  if (registered) return <Registered request={registered} onAnother={() => setRegistered(null)} />;

  return (
    <PortalPage title="Nova solicitação" lead="Escolha o assunto e o tipo de solicitação, preencha os dados e receba o número de protocolo.">
      {catalog.isPending && <p className="muted">Carregando os tipos de solicitação…</p>}
      {catalog.isError && <LoadFailed what="os tipos de solicitação" error={catalog.error} onRetry={() => void catalog.refetch()} />}
      {catalog.data && (
        <div className="portal-card">
          <Field label="Assunto" hint={category?.description ?? undefined}>
            {(control) => (
              <select {...control} value={category?.id ?? ''} onChange={(event) => chooseCategory(event.target.value)}>
                <option value="">Selecione o assunto</option>
                {categories.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {category && <TypeChoice category={category} typeId={requestType?.id ?? ''} onChange={chooseType} />}
        </div>
      )}
      {requestType && <RequestTypeForm key={requestType.id} requestType={requestType} onRegistered={onRegistered} />}
    </PortalPage>
  );
}

function TypeChoice({ category, typeId, onChange }: { category: Category; typeId: string; onChange: (id: string) => void }) {
  if (category.requestTypes.length === 0) return <p className="muted">Este assunto não tem solicitações pelo Autoatendimento.</p>;
  return (
    <Field label="Tipo de solicitação">
      {(control) => (
        <select {...control} value={typeId} onChange={(event) => onChange(event.target.value)}>
          <option value="">Selecione o tipo</option>
          {category.requestTypes.map((type) => (
            <option key={type.id} value={type.id}>
              {type.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function RequestTypeForm({ requestType, onRegistered }: { requestType: PortalRequestType; onRegistered: (request: PortalRequest) => void }) {
  const api = usePortalApi();
  const queries = useQueryClient();
  const titleId = useId();
  const [value, setValue] = useState<FormValue>(() => emptyValue(requestType.formSchema));
  const [address, setAddress] = useState<AddressValues>(emptyAddress);
  const { submitting, errors, submit } = useFormSubmit();
  const fieldPaths = [...fieldsOf(requestType.formSchema).map((field) => `${formPrefix}${field.name}`), 'address', ...addressFieldPaths('address')];
  const formErrors = Object.fromEntries(
    Object.entries(errors.fields)
      .filter(([path]) => path.startsWith(formPrefix))
      .map(([path, message]) => [path.slice(formPrefix.length), message]),
  );

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const leftBlank = isBlankAddress(address) && !requestType.addressRequired;
    await submit({
      parsed: portalNewRequestSchema.safeParse({ requestTypeId: requestType.id, form: value, address: leftBlank ? null : address }),
      fields: fieldPaths,
      send: async (data) => {
        const request = await registerRequest(api, data);
        void queries.invalidateQueries({ queryKey: protocolsKey });
        onRegistered(request);
      },
    });
  }

  return (
    <section className="portal-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{requestType.name}</h2>
      {requestType.description && <p>{requestType.description}</p>}
      <dl className="portal-facts">
        <dt>Órgão responsável</dt>
        <dd>{requestType.organName}</dd>
        <dt>Prazo de atendimento</dt>
        <dd>{hoursLabel(requestType.slaHours)}</dd>
      </dl>
      <form className="portal-card" aria-labelledby={titleId} onSubmit={onSubmit} noValidate>
        <FormAlert message={errors.alert} />
        <SchemaForm schema={requestType.formSchema} value={value} errors={formErrors} onChange={setValue} />
        <fieldset className="fieldset">
          <legend>{requestType.addressRequired ? 'Endereço da solicitação' : 'Endereço da solicitação (opcional)'}</legend>
          <p className="field__hint">O local do problema. Informe o CEP com 8 dígitos.</p>
          {errors.fields.address && <p className="field__error">{errors.fields.address}</p>}
          <AddressFields values={address} errors={errors.fields} prefix="address" onChange={setAddress} />
        </fieldset>
        <button type="submit" className="button button--primary button--block" disabled={submitting}>
          Registrar solicitação
        </button>
      </form>
    </section>
  );
}

/** The protocol to keep; a request joined to an earlier one at the same address says whose progress it follows. */
function Registered({ request, onAnother }: { request: PortalRequest; onAnother: () => void }) {
  return (
    <PortalPage title="Solicitação registrada" lead={request.typeName}>
      <div className="portal-card">
        <p className="portal-protocol">
          Protocolo <Protocol value={request.protocol} />
        </p>
        <p>Guarde este número para acompanhar a solicitação. O prazo de atendimento vai até {formatDateTime(request.deadline)}.</p>
        {request.groupFirstProtocol && (
          <div className="alert alert--notice">
            <p>{groupNote(request.groupFirstProtocol)}</p>
            <p>Já havia uma solicitação deste tipo no mesmo endereço: a sua foi juntada a ela e segue o andamento dela.</p>
          </div>
        )}
        <p>
          <Link to={portalPaths.request(request.id)} className="button button--primary">
            Ver a solicitação
          </Link>
        </p>
        <p>
          <button type="button" className="button" onClick={onAnother}>
            Registrar outra solicitação
          </button>
        </p>
      </div>
    </PortalPage>
  );
}
