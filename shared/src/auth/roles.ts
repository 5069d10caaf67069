import { z } from 'zod';

export const roles = ['attendant', 'supervisor', 'admin', 'backoffice'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const roleLabels: Record<Role, string> = {
  attendant: 'Atendente',
  supervisor: 'Supervisor',
  admin: 'Administrador',
  backoffice: 'Retaguarda',
};
