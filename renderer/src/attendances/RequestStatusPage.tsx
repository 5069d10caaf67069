import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { homePathFor } from '@receptivo/shared';
import { useCurrentUser } from '../auth/SessionProvider';
import { Page } from '../ui/Page';
import { RequestLoader, RequestStatus } from './RequestStatus';
import './attendances.css';

/** /solicitacoes/:id: the Status Solicitação on its own, e.g. from a link or a search result. */
export function RequestStatusPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const { role } = useCurrentUser();

  // Back to where the attendant came from (the attendance); a page opened from the address bar has none.
  const close = () => (location.key === 'default' ? navigate(homePathFor(role)) : navigate(-1));

  return (
    <Page title="Solicitação">
      <RequestLoader id={id}>{(request) => <RequestStatus request={request} onClose={close} />}</RequestLoader>
    </Page>
  );
}
