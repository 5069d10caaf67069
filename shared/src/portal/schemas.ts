import { z } from 'zod';
import { changePasswordSchema, passwordSchema } from '../auth/schemas';
import { customerSchema, emailSchema, storedAddressSchema } from '../customers/schemas';
import { requestEventSchema } from '../requests/events';
import { customerHistoryAttendanceSchema, customerHistoryRequestSchema } from '../requests/lifecycle';
import { categorySchema, informationSchema, requestTypeSchema } from '../knowledge/schemas';
import { registerRequestSchema, requestSchema } from '../requests/schemas';

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

/** One of the citizen's attendances on Meus protocolos: what was registered in it, not who attended. */
export const portalAttendanceSchema = customerHistoryAttendanceSchema.pick({
  protocol: true,
  channel: true,
  status: true,
  startedAt: true,
  finishedAt: true,
  informationTitles: true,
  requestTypeNames: true,
});
export type PortalAttendance = z.infer<typeof portalAttendanceSchema>;

export const portalRequestSummarySchema = customerHistoryRequestSchema
  .pick({ id: true, protocol: true, typeName: true, organName: true, status: true, createdAt: true, deadline: true, overdue: true })
  .extend({
    /** In a group (same type, same address): the first request's protocol, whose progress this one follows. */
    groupFirstProtocol: z.string().nullable(),
  });
export type PortalRequestSummary = z.infer<typeof portalRequestSummarySchema>;

/** GET /api/portal/protocols: the citizen's own attendances and requests, newest first. */
export const portalProtocolsSchema = z.object({
  attendances: z.array(portalAttendanceSchema),
  requests: z.array(portalRequestSummarySchema),
});
export type PortalProtocols = z.infer<typeof portalProtocolsSchema>;

/** One of the citizen's requests: its progress and the organ's response, without the staff's names. */
export const portalRequestSchema = portalRequestSummarySchema.extend({
  response: requestSchema.shape.response,
  finishedAt: requestSchema.shape.finishedAt,
  address: storedAddressSchema.omit({ id: true, cep: true }).nullable(),
  /** Each entry's text and time; `viaPortal` marks what the citizen did here. */
  timeline: z.array(requestEventSchema.pick({ kind: true, description: true, at: true, viaPortal: true })),
  /** What the citizen may do now, by the same rules as the desk (requestActionRule). */
  allowedActions: requestSchema.shape.allowedActions,
});
export type PortalRequest = z.infer<typeof portalRequestSchema>;

/** Meus dados: the citizen's record as the portal shows it; the e-mail and the phones are theirs to correct. */
export const portalDataSchema = customerSchema.pick({
  name: true,
  tradeName: true,
  /** The CPF or CNPJ, formatted: the desk changes it, the citizen does not. */
  document: true,
  email: true,
  phones: true,
  addresses: true,
});
export type PortalData = z.infer<typeof portalDataSchema>;

/** The e-mail the portal's messages go to; it cannot be cleared (the password would have nowhere to go). */
export const portalEmailSchema = z.object({ email: emailSchema });
export type PortalEmail = z.infer<typeof portalEmailSchema>;

/** Who at the call center looked at the citizen's record, and when (the LGPD access audit). */
export const portalRecordAccessSchema = z.object({
  accessedAt: z.string().datetime(),
  userName: z.string(),
  /** The screen the attendant looked from, as the desk names it (`cliente`, `atendimento`…), when known. */
  screen: z.string().nullable(),
});
export const portalRecordAccessesSchema = z.object({ items: z.array(portalRecordAccessSchema), total: z.number().int() });
export type PortalRecordAccesses = z.infer<typeof portalRecordAccessesSchema>;

export const portalPageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export type PortalPageQuery = z.output<typeof portalPageQuerySchema>;

/** A request type the citizen may register on the portal: what its form needs, not the desk's guidance. */
export const portalRequestTypeSchema = requestTypeSchema.pick({
  id: true,
  name: true,
  description: true,
  organName: true,
  formSchema: true,
  slaHours: true,
  addressRequired: true,
});
export type PortalRequestType = z.infer<typeof portalRequestTypeSchema>;

/** GET /api/portal/catalog: the active categories, each with its active request types, in the desk's order. */
export const portalCatalogSchema = z.object({
  categories: z.array(
    categorySchema.pick({ id: true, name: true, description: true }).extend({ requestTypes: z.array(portalRequestTypeSchema) }),
  ),
});
export type PortalCatalog = z.infer<typeof portalCatalogSchema>;

/**
 * POST /api/portal/requests: Nova solicitação. The same body as the desk's registration; the server
 * opens a `web` attendance for the citizen, registers the request in it (grouped by address like the
 * desk's) and finishes it, all in one transaction. Answers 201 with the request as the portal shows it.
 */
export const portalNewRequestSchema = registerRequestSchema;
export type PortalNewRequest = z.input<typeof portalNewRequestSchema>;

/** GET /api/portal/knowledge?q=: the informations published on the portal whose words match (no sign-in needed). */
export const portalKnowledgeQuerySchema = z.object({
  q: z.string().trim().max(200).default(''),
});
export const portalInformationSchema = informationSchema
  .pick({ id: true, title: true, body: true, proposedSolution: true })
  .extend({
    categoryName: z.string(),
    /** Request types the information leads to, offered as [Registrar solicitação] on the portal. */
    requestTypes: z.array(requestTypeSchema.pick({ id: true, name: true })),
  });
export type PortalInformation = z.infer<typeof portalInformationSchema>;
export const portalKnowledgeResultsSchema = z.object({ items: z.array(portalInformationSchema) });
export type PortalKnowledgeResults = z.infer<typeof portalKnowledgeResultsSchema>;

/**
 * POST /api/portal/auth/forgot-password: sends a single-use reset link valid for 1 h to the account's
 * e-mail. Answers 202 with the same message whether or not the account exists (or has an e-mail).
 * The login is read as the sign-in reads it: a CPF/CNPJ in any punctuation, or the account's e-mail.
 */
export const portalForgotPasswordSchema = z.object({
  login: portalLoginRequestSchema.shape.login,
});
export type PortalForgotPassword = z.infer<typeof portalForgotPasswordSchema>;
export const portalForgotPasswordAnswerSchema = z.object({ message: z.string() });
export type PortalForgotPasswordAnswer = z.infer<typeof portalForgotPasswordAnswerSchema>;

/**
 * POST /api/portal/auth/reset-password: the link's token (from the fragment of
 * /autoatendimento/redefinir-senha#token=…) and the new password (the staff's strength rules).
 * Answers 200 with a new session, the password no longer temporary; a used, expired, replaced or
 * unknown token is 400 `RESET_LINK_INVALID`.
 */
export const portalResetPasswordSchema = z.object({
  token: z.string().min(1, 'O link de redefinição está incompleto.').max(200),
  newPassword: passwordSchema,
});
export type PortalResetPassword = z.infer<typeof portalResetPasswordSchema>;
