import { z } from 'zod';
import { roleSchema } from './roles';

/** Extension (ramal) of the attendant's softphone: digits only, as the PBX names queue members. */
export const extensionSchema = z
  .string()
  .trim()
  .regex(/^\d{2,8}$/, 'O ramal deve ter de 2 a 8 dígitos.');

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, 'O usuário deve ter de 3 a 40 caracteres: letras, números, ponto, hífen ou sublinhado.');

export const passwordSchema = z
  .string()
  .min(10, 'A senha deve ter pelo menos 10 caracteres.')
  .max(200, 'A senha deve ter no máximo 200 caracteres.');

export const loginRequestSchema = z.object({
  username: z.string().trim().toLowerCase().min(1, 'Informe o usuário.').max(100),
  password: z.string().min(1, 'Informe a senha.').max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** The organ a back-office user works for; other roles have none. */
export const userOrganSchema = z.object({ id: z.string().uuid(), name: z.string() });
export type UserOrgan = z.infer<typeof userOrganSchema>;

export const sessionUserSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  role: roleSchema,
  extension: z.string().nullable(),
  organ: userOrganSchema.nullable(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const loginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.string().datetime(),
  user: sessionUserSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const userSchema = sessionUserSchema.extend({
  username: z.string(),
  active: z.boolean(),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
});
export type User = z.infer<typeof userSchema>;

export const userListSchema = z.object({ items: z.array(userSchema), total: z.number().int() });
export type UserList = z.infer<typeof userListSchema>;

const organIdSchema = z.string({ error: 'Escolha o órgão.' }).uuid('Escolha o órgão.');
export const BACKOFFICE_ORGAN_REQUIRED = 'Escolha o órgão em que o usuário de retaguarda trabalha.';

export const createUserSchema = z
  .object({
    username: usernameSchema,
    name: z.string().trim().min(3, 'Informe o nome completo.').max(120),
    role: roleSchema,
    extension: extensionSchema.nullish(),
    /** Required for the back office (it works its organ's requests); ignored for the other roles. */
    organId: organIdSchema.nullish(),
  })
  .refine((user) => user.role !== 'backoffice' || !!user.organId, { path: ['organId'], message: BACKOFFICE_ORGAN_REQUIRED });
export type CreateUser = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    name: z.string().trim().min(3, 'Informe o nome completo.').max(120),
    role: roleSchema,
    extension: extensionSchema.nullable(),
    organId: organIdSchema.nullable(),
    active: z.boolean(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'Nada a alterar.');
export type UpdateUser = z.infer<typeof updateUserSchema>;

/** A generated password is shown once to whoever created or reset it, never stored in clear. */
export const issuedPasswordSchema = z.object({ user: userSchema, password: z.string() });
export type IssuedPassword = z.infer<typeof issuedPasswordSchema>;

export const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1, 'Informe a senha atual.'), newPassword: passwordSchema })
  .refine((body) => body.currentPassword !== body.newPassword, {
    message: 'A nova senha deve ser diferente da atual.',
    path: ['newPassword'],
  });
export type ChangePassword = z.infer<typeof changePasswordSchema>;
