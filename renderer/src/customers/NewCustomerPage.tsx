import { useLocation, useNavigate } from 'react-router-dom';
import { customerEditorPath } from '../app/paths';
import { Page } from '../ui/Page';
import { CustomerForm } from './CustomerForm';
import { createdState } from './CustomerEditorPage';

export function NewCustomerPage() {
  const navigate = useNavigate();
  const location = useLocation();

  return (
    <Page title="Novo cliente">
      <CustomerForm
        // Replaced, so going back from the new customer returns to where the form was opened from.
        onCreated={(customer) => navigate(customerEditorPath(customer.id), { replace: true, state: createdState })}
        // A form opened straight from the address bar has no page of the app to go back to.
        onCancel={() => (location.key === 'default' ? navigate('/clientes') : navigate(-1))}
      />
    </Page>
  );
}
