import { EmptyState, Page } from '../ui/Page';

export function SupervisionPage() {
  return (
    <Page title="Supervisão">
      <EmptyState title="Nenhuma fila para mostrar">
        <p>O acompanhamento das filas e dos atendentes em tempo real chega em uma próxima versão.</p>
      </EmptyState>
    </Page>
  );
}
