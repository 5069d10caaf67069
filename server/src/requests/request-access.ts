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

/**
 * SQL condition: the customer in `customerColumn` requested something of the organ in `organParameter`.
 * The back office sees only these requesters (customer search and record, the attendance's customer).
 */
export function requesterOfOrgan(customerColumn: string, organParameter: string): string {
  return `EXISTS (SELECT 1 FROM requests organ_request JOIN request_types organ_type ON organ_type.id = organ_request.request_type_id
                   WHERE organ_request.customer_id = ${customerColumn} AND organ_type.organ_id = ${organParameter})`;
}
