import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { customerSchema, customerTypeLabels, formatDocument, type Customer } from '@receptivo/shared';
import { ApiError, describeError } from '../api/client';
import { useApi } from '../auth/SessionProvider';
import { Page } from '../ui/Page';
import { Tabs } from '../ui/Tabs';
import { AddressesTab } from './AddressesTab';
import { CustomerDataTab } from './CustomerDataTab';
import { CustomerHistoryTab } from './CustomerHistoryTab';
import { getCustomer } from './customers-api';
import { documentLabel } from './labels';
import { PhonesTab } from './PhonesTab';
import { PortalAccountTab } from './PortalAccountTab';

/** Navigation state of the page a new customer lands on. */
export const createdState = { created: true };

type Load =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; customer: Customer };

const isCustomerId = (id: string) => customerSchema.shape.id.safeParse(id).success;

export function CustomerEditorPage() {
  const { id = '' } = useParams();
  const api = useApi();
  const location = useLocation();
  const navigate = useNavigate();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
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

  const fetchCustomer = useCallback(() => {
    if (!isCustomerId(id)) {
      setLoad({ state: 'missing' });
      return;
    }
    let current = true;
    setLoad({ state: 'loading' });
    getCustomer(api, id).then(
      (customer) => current && setLoad({ state: 'ready', customer }),
      (error) => {
        if (!current) return;
        const missing = error instanceof ApiError && error.statusCode === 404;
        setLoad(missing ? { state: 'missing' } : { state: 'failed', message: describeError(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [api, id]);

  useEffect(fetchCustomer, [fetchCustomer]);

  if (load.state === 'missing') {
    return (
      <Page title="Cliente não encontrado">
        <div className="note">
          <p>Não há cliente cadastrado neste endereço. O link pode estar incompleto.</p>
          <Link to="/clientes">Voltar para Clientes</Link>
        </div>
      </Page>
    );
  }
  if (load.state !== 'ready') {
    return (
      <Page title="Cliente">
        {load.state === 'loading' && <p className="muted">Carregando cliente…</p>}
        {load.state === 'failed' && (
          <div role="alert" className="alert alert--error">
            <p>{load.message}</p>
            <button type="button" className="button" onClick={fetchCustomer}>
              Tentar novamente
            </button>
          </div>
        )}
      </Page>
    );
  }

  const { customer } = load;
  const onSaved = (updated: Customer, message: string) => {
    setLoad({ state: 'ready', customer: updated });
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
