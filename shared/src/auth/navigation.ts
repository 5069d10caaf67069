import type { Role } from './roles';

/** Top menu of the desk; each section is offered only to the roles that work in it. */
export const menuSections = [
  { key: 'receptivo', label: 'Receptivo', path: '/receptivo', roles: ['attendant', 'supervisor', 'admin'] },
  { key: 'attendances', label: 'Atendimentos', path: '/atendimentos', roles: ['attendant', 'supervisor', 'admin', 'backoffice'] },
  { key: 'customers', label: 'Clientes', path: '/clientes', roles: ['attendant', 'supervisor', 'admin'] },
  { key: 'supervision', label: 'Supervisão', path: '/supervisao', roles: ['supervisor', 'admin'] },
  { key: 'administration', label: 'Administração', path: '/administracao', roles: ['supervisor', 'admin'] },
] as const satisfies readonly { key: string; label: string; path: string; roles: readonly Role[] }[];

export type MenuSection = (typeof menuSections)[number];
export type MenuSectionKey = MenuSection['key'];

export function menuFor(role: Role): MenuSection[] {
  return menuSections.filter((section) => (section.roles as readonly Role[]).includes(role));
}

/** The page a user lands on after login. */
export function homePathFor(role: Role): string {
  return menuFor(role)[0].path;
}
