import { EmptyState, Page } from '../ui/Page';

export function CustomersPage() {
  return (
    <Page title="Clientes">
      <EmptyState title="Nenhum cliente para mostrar">
        <p>O cadastro e a pesquisa de clientes por nome, CPF/CNPJ, telefone ou e-mail chegam em uma próxima versão.</p>
      </EmptyState>
    </Page>
  );
}
