import { EmptyState, Page } from '../ui/Page';

export function AttendancesPage() {
  return (
    <Page title="Atendimentos">
      <EmptyState title="Nenhum atendimento para mostrar">
        <p>A pesquisa de atendimentos e solicitações por protocolo, órgão, situação e período chega em uma próxima versão.</p>
      </EmptyState>
    </Page>
  );
}
