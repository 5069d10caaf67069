import type { AuthenticatedUser } from '../auth/authenticated-user';
import { forbidden, notFound } from '../common/api-exception';

/** The requesting citizen, acting on their own request through the self-service portal. */
export interface PortalRequester {
  citizenId: string;
}

/** Who acts on a request: a staff member, or its requester through the portal. */
export type RequestActor = AuthenticatedUser | PortalRequester;

export const isPortalRequester = (actor: RequestActor): actor is PortalRequester => 'citizenId' in actor;

/** A timeline entry's author: the staff member, or no user and the portal's mark. */
export const eventAuthor = (actor: RequestActor) => (isPortalRequester(actor) ? { actorId: null, viaPortal: true } : { actorId: actor.id, viaPortal: false });

/**
 * The back office acts only on its organ's requests, a citizen only on their own (anyone else's
 * reads as one that does not exist, as on Meus protocolos); the desk roles act on every request.
 */
export function ensureActorAccess(actor: RequestActor, request: { organ_id: string; customer_id: string | null }): void {
  if (!isPortalRequester(actor)) ensureOrganAccess(actor, request.organ_id);
  else if (request.customer_id !== actor.citizenId) throw notFound('Solicitação');
}

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
