import { useCurrentUser } from '../auth/SessionProvider';
import { CustomerAccessPanel } from '../customer-access/CustomerAccessPanel';
import { TelephonyPanel } from '../cti/TelephonyPanel';
import { Open311ClientsPanel } from '../open311/Open311ClientsPanel';
import { Page } from '../ui/Page';
import { Tabs, type TabItem } from '../ui/Tabs';
import { CategoriesPanel } from './knowledge/CategoriesPanel';
import { InformationsPanel } from './knowledge/InformationsPanel';
import { KnowledgeGapsPanel } from './knowledge/KnowledgeGapsPanel';
import { NoticesPanel } from './knowledge/NoticesPanel';
import { OrgansPanel } from './knowledge/OrgansPanel';
import { RequestTypesPanel } from './knowledge/RequestTypesPanel';
import { ScriptPanel } from './knowledge/ScriptPanel';
import { UsersPanel } from './UsersPanel';

/**
 * The knowledge base is the supervisors' to keep; users, access, telephony, the customer access
 * audit and the Open311 applications stay with the admins.
 */
const knowledgeTabs: readonly TabItem[] = [
  { key: 'organs', label: 'Órgãos', content: <OrgansPanel /> },
  { key: 'categories', label: 'Sessões', content: <CategoriesPanel /> },
  { key: 'informations', label: 'Informações', content: <InformationsPanel /> },
  { key: 'request-types', label: 'Tipos de solicitação', content: <RequestTypesPanel /> },
  { key: 'script', label: 'Script', content: <ScriptPanel /> },
  { key: 'notices', label: 'Quadros de avisos', content: <NoticesPanel /> },
  { key: 'knowledge-gaps', label: 'Lacunas da base', content: <KnowledgeGapsPanel /> },
];

const usersTab: TabItem = { key: 'users', label: 'Usuários', content: <UsersPanel /> };
const telephonyTab: TabItem = { key: 'telephony', label: 'Telefonia', content: <TelephonyPanel /> };
const customerAccessTab: TabItem = { key: 'customer-access', label: 'Acessos a dados', content: <CustomerAccessPanel /> };
const open311Tab: TabItem = { key: 'open311-clients', label: 'Aplicativos Open311', content: <Open311ClientsPanel /> };

export function AdministrationPage() {
  const { role } = useCurrentUser();
  return (
    <Page title="Administração">
      <Tabs label="Áreas de administração" tabs={role === 'admin' ? [usersTab, ...knowledgeTabs, telephonyTab, customerAccessTab, open311Tab] : knowledgeTabs} />
    </Page>
  );
}
