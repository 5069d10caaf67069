import { useCurrentUser } from '../auth/SessionProvider';
import { EmptyState, Page } from '../ui/Page';

export function ReceptivoPage() {
  const user = useCurrentUser();
  return (
    <Page title="Receptivo">
      <EmptyState title={`Olá, ${user.name}.`}>
        {user.extension ? (
          <p>
            Seu ramal cadastrado é o <strong>{user.extension}</strong>.
          </p>
        ) : (
          <p>
            Você ainda não tem ramal associado. Peça a um administrador para cadastrar o seu ramal antes de
            atender chamadas.
          </p>
        )}
        <p>
          A área de atendimento — chamadas do seu ramal, identificação do cliente, scripts e registro de
          informações e solicitações — chega nas próximas versões do Receptivo.
        </p>
      </EmptyState>
    </Page>
  );
}
