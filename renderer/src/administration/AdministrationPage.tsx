import { useCurrentUser } from '../auth/SessionProvider';
import { Page } from '../ui/Page';
import { Tabs } from '../ui/Tabs';
import { UsersPanel } from './UsersPanel';

export function AdministrationPage() {
  const { role } = useCurrentUser();
  return (
    <Page title="Administração">
      {role === 'admin' ? (
        <Tabs label="Áreas de administração" tabs={[{ key: 'users', label: 'Usuários', content: <UsersPanel /> }]} />
      ) : (
        <p className="note">
          A administração da base de conhecimento — categorias, informações, tipos de solicitação, scripts e
          quadros de avisos — chega em uma próxima versão.
        </p>
      )}
    </Page>
  );
}
