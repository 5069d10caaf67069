import { useCurrentUser } from '../auth/SessionProvider';
import { BackofficeRequests } from '../requests/BackofficeRequests';
import { Page } from '../ui/Page';
import { AttendanceSearch } from './AttendanceSearch';
import './attendances.css';

/** [Atendimentos]: the search for everyone; the back office sees their organ's requests first. */
export function AttendancesPage() {
  const { role } = useCurrentUser();
  return (
    <Page title="Atendimentos">
      {role === 'backoffice' && (
        <>
          <BackofficeRequests />
          <h2 className="section-title">Pesquisa de atendimentos</h2>
        </>
      )}
      <AttendanceSearch />
    </Page>
  );
}
