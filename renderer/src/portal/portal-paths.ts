/** The portal's address: its pages live under it, and the server answers every path below it with the portal's page. */
export const portalBasename = '/autoatendimento';

/** Page paths inside the portal (the router's basename comes before them). */
export const portalPaths = {
  protocols: '/',
  signIn: '/entrar',
  changePassword: '/trocar-senha',
  forgotPassword: '/esqueci-senha',
  resetPassword: '/redefinir-senha',
  request: (id: string) => `/solicitacoes/${encodeURIComponent(id)}`,
  newRequest: (typeId?: string) => (typeId ? `/nova-solicitacao?tipo=${encodeURIComponent(typeId)}` : '/nova-solicitacao'),
  informations: '/informacoes',
  myData: '/meus-dados',
} as const;

/** The router's patterns for the paths `portalPaths` builds from a value. */
export const portalRoutePatterns = {
  request: '/solicitacoes/:id',
  newRequest: '/nova-solicitacao',
} as const;

/** What a redirect to the sign-in (or to the password change) carries: where to go back to, and a message to show. */
export interface PortalLocationState {
  from?: string;
  notice?: string;
}
