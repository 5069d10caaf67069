import { DeadlineAlertsPanel } from '../reports/DeadlineAlertsPanel';
import { ReportsPanel } from '../reports/ReportsPanel';
import { Page } from '../ui/Page';
import { Tabs } from '../ui/Tabs';
import { AbandonedCallsPanel } from './AbandonedCallsPanel';
import { LiveSupervision } from './LiveSupervision';

const tabs = [
  { key: 'live', label: 'Ao vivo', content: <LiveSupervision /> },
  { key: 'reports', label: 'Relatórios', content: <ReportsPanel /> },
  { key: 'alerts', label: 'Alertas', content: <DeadlineAlertsPanel /> },
  { key: 'abandoned', label: 'Abandonadas', content: <AbandonedCallsPanel /> },
];

export function SupervisionPage() {
  return (
    <Page title="Supervisão">
      <Tabs label="Supervisão" tabs={tabs} />
    </Page>
  );
}
