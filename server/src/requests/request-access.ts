import type { AuthenticatedUser } from '../auth/authenticated-user';
import { forbidden } from '../common/api-exception';

/** The organ whose requests a back-office user works; one without an organ can work none. */
export function backofficeOrganId(user: AuthenticatedUser): string {
  if (!user.organ) throw forbidden('Seu usuário de retaguarda não está vinculado a um órgão. Procure o administrador.');
  return user.organ.id;
}

/** The back office sees only its organ's requests; the desk roles see every request. */
export function ensureOrganAccess(user: AuthenticatedUser, organId: string): void {
  if (user.role === 'backoffice' && backofficeOrganId(user) !== organId) throw forbidden('Esta solicitação é de outro órgão.');
}
