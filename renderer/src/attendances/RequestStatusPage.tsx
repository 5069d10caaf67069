import { useParams } from 'react-router-dom';
import { useLeavePage } from '../app/use-leave-page';
import { Page } from '../ui/Page';
import { RequestLoader, RequestStatus } from './RequestStatus';
import './attendances.css';

/** /solicitacoes/:id: the Status Solicitação on its own, e.g. from a link or a search result. */
export function RequestStatusPage() {
  const { id = '' } = useParams();
  const close = useLeavePage();

  return (
    <Page title="Solicitação">
      <RequestLoader id={id}>{(request) => <RequestStatus request={request} onClose={close} />}</RequestLoader>
    </Page>
  );
}
