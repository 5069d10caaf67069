import { z } from 'zod';
import { changePasswordSchema } from '../auth/schemas';
import { customerSchema, emailSchema, storedAddressSchema } from '../customers/schemas';
import { requestEventSchema } from '../requests/events';
import { customerHistoryAttendanceSchema, customerHistoryRequestSchema } from '../requests/lifecycle';
import { requestSchema } from '../requests/schemas';

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
