import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { customerEditorPath } from '../app/paths';
import { Page } from '../ui/Page';
import { CustomerSearch } from './CustomerSearch';
import { searchParamsOf, searchQueryFrom } from './search-params';

/** The query lives in the URL, so a reload or coming back from a customer shows the same results. */
export function CustomersPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const initialQuery = useMemo(() => searchQueryFrom(params), [params]);

  return (
    <Page
      title="Clientes"
      actions={
        <button type="button" className="button button--primary" onClick={() => navigate('/clientes/novo')}>
          Novo
        </button>
      }
    >
      <CustomerSearch
        initialQuery={initialQuery}
        autoRun
        onSearch={(query) => setParams(query ? searchParamsOf(query) : new URLSearchParams())}
        onRegisterNew={() => navigate('/clientes/novo')}
        renderActions={(customer) => (
          <Link to={customerEditorPath(customer.id)} className="button button--small">
            Editar
          </Link>
        )}
      />
    </Page>
  );
}
