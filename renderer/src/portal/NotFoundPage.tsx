import { Link } from 'react-router-dom';
import { PortalPage } from './PortalPage';
import { portalPaths } from './portal-paths';

export function NotFoundPage() {
  return (
    <PortalPage title="Página não encontrada" lead="O endereço aberto não existe no Autoatendimento.">
      <p>
        <Link to={portalPaths.protocols}>Ir para Meus protocolos</Link>
      </p>
    </PortalPage>
  );
}
