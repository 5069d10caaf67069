import { z } from 'zod';
import { changePasswordSchema } from '../auth/schemas';

/** A citizen signs in with the CPF/CNPJ the desk registered (any punctuation) or the e-mail the password went to. */
export const portalLoginRequestSchema = z.object({
  login: z.string().trim().min(1, 'Informe o CPF, o CNPJ ou o e-mail.').max(200),
  password: z.string().min(1, 'Informe a senha.').max(200),
});
export type PortalLoginRequest = z.infer<typeof portalLoginRequestSchema>;

/** Who is signed in on the portal: never more of the record than the portal's header shows. */
export const portalCitizenSchema = z.object({
  name: z.string(),
  /** The CPF or CNPJ, formatted. */
  login: z.string(),
  /** A temporary password is in use: the portal asks for a new one first. */
  mustChangePassword: z.boolean(),
});
export type PortalCitizen = z.infer<typeof portalCitizenSchema>;

export const portalSessionSchema = z.object({
  token: z.string(),
  expiresAt: z.string().datetime(),
  citizen: portalCitizenSchema,
});
export type PortalSession = z.infer<typeof portalSessionSchema>;

/** The same rules as the staff's: at least 10 characters, not the current (temporary) password. */
export const portalChangePasswordSchema = changePasswordSchema;
export type PortalChangePassword = z.infer<typeof portalChangePasswordSchema>;
