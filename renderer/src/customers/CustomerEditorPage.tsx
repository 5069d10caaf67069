import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { customerSchema, customerTypeLabels, formatDocument, type Customer } from '@receptivo/shared';
import { ApiError } from '../api/client';
import { useApi } from '../auth/SessionProvider';
import { LoadFailed } from '../ui/LoadFailed';
import { Page } from '../ui/Page';
import { Tabs } from '../ui/Tabs';
import { AddressesTab } from './AddressesTab';
import { CustomerDataTab } from './CustomerDataTab';
import { CustomerHistoryTab } from './CustomerHistoryTab';
import { customerQuery } from './customers-api';
import { documentLabel } from './labels';
import { PhonesTab } from './PhonesTab';
import { PortalAccountTab } from './PortalAccountTab';

/** Navigation state of the page a new customer lands on. */
export const createdState = { created: true };

const isCustomerId = (id: string) => customerSchema.shape.id.safeParse(id).success;

export function CustomerEditorPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const location = useLocation();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const validId = isCustomerId(id);
  const load = useQuery({ ...customerQuery(api, id), enabled: validId });
  const [tab, setTab] = useState('data');
  /** Set when the Usuário tab sends the user to fill in the missing e-mail. */
  const [focusEmail, setFocusEmail] = useState(false);
  const [status, setStatus] = useState<string | null>(() =>
    (location.state as typeof createdState | null)?.created ? 'Cliente cadastrado.' : null,
  );

  // The message is for the arrival from the form, not for a later reload of this page.
  useEffect(() => {
    if (location.state) navigate(location.pathname, { replace: true, state: null });
  }, [location, navigate]);

  const missing = !validId || (load.error instanceof ApiError && load.error.statusCode === 404);

  if (missing) {
    return (
      <Page title="Cliente não encontrado">
        <div className="note">
          <p>Não há cliente cadastrado neste endereço. O link pode estar incompleto.</p>
          <Link to="/clientes">Voltar para Clientes</Link>
        </div>
      </Page>
    );
  }
  if (!load.isSuccess) {
    return (
      <Page title="Cliente">
        {load.isPending && <p className="muted">Carregando cliente…</p>}
        {load.isError && <LoadFailed what="o cliente" error={load.error} onRetry={() => void load.refetch()} />}
      </Page>
    );
  }

  const customer = load.data;
  const onSaved = (updated: Customer, message: string) => {
    queries.setQueryData(customerQuery(api, updated.id).queryKey, updated);
    setStatus(message);
  };

  return (
    <Page
      title={customer.name}
      subtitle={
        <>
          <span>{customerTypeLabels[customer.type]}</span>
          <span>
            {documentLabel(customer.type)} <span className="mono">{formatDocument(customer.document)}</span>
          </span>
          {customer.tradeName && <span>{customer.tradeName}</span>}
        </>
      }
    >
      <p role="status" className="status-line">
        {status}
      </p>
      <Tabs
        label="Cadastro do cliente"
        selected={tab}
        onSelect={(key) => {
          setTab(key);
          setFocusEmail(false);
          setStatus(null);
        }}
        tabs={[
          {
            key: 'data',
            label: 'Dados',
            content: <CustomerDataTab customer={customer} onSaved={onSaved} focusEmail={focusEmail} />,
          },
          { key: 'phones', label: 'Telefone', content: <PhonesTab customer={customer} onSaved={onSaved} /> },
          { key: 'addresses', label: 'Endereço', content: <AddressesTab customer={customer} onSaved={onSaved} /> },
          {
            key: 'portal',
            label: 'Usuário',
            content: (
              <PortalAccountTab
                customer={customer}
                onSaved={onSaved}
                onGoToData={() => {
                  setFocusEmail(true);
                  setTab('data');
                }}
              />
            ),
          },
          {
            key: 'history',
            label: 'Histórico',
            content: <CustomerHistoryTab customerId={customer.id} />,
          },
        ]}
      />
    </Page>
  );
}
