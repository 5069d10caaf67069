import { z } from 'zod';
import { addressSchema, storedAddressSchema } from '../customers/schemas';
import { requestEventSchema } from './events';

export const requestStatuses = ['open', 'in_progress', 'finished', 'cancelled'] as const;
export const requestStatusSchema = z.enum(requestStatuses);
export type RequestStatus = z.infer<typeof requestStatusSchema>;
export const requestStatusLabels: Record<RequestStatus, string> = {
  open: 'Aberta',
  in_progress: 'Em andamento',
  finished: 'Finalizada',
  cancelled: 'Cancelada',
};

export const registerRequestSchema = z.object({
  requestTypeId: z.string({ error: 'Escolha o tipo de solicitação.' }).uuid('Escolha o tipo de solicitação.'),
  form: z.record(z.string(), z.unknown()).default({}),
  address: addressSchema.nullish().transform((value) => value ?? null),
});
export type RegisterRequest = z.input<typeof registerRequestSchema>;

export const requestSummarySchema = z.object({
  id: z.string().uuid(),
  protocol: z.string(),
  status: requestStatusSchema,
  requestTypeId: z.string().uuid(),
  typeName: z.string(),
  organName: z.string(),
  deadline: z.string().datetime(),
  createdAt: z.string().datetime(),
  /** The group's first request when this one joined a group at the same address. */
  groupOf: z.object({ id: z.string().uuid(), protocol: z.string() }).nullable(),
});
export type RequestSummary = z.infer<typeof requestSummarySchema>;

export const requestSchema = requestSummarySchema.extend({
  attendanceId: z.string().uuid(),
  attendanceProtocol: z.string(),
  customer: z.object({ id: z.string().uuid(), name: z.string(), document: z.string(), email: z.string().nullable() }).nullable(),
  form: z.record(z.string(), z.unknown()),
  formSchema: z.record(z.string(), z.unknown()),
  address: storedAddressSchema.omit({ id: true }).nullable(),
  /** Protocols of every request of the group (first one first), this one included. */
  group: z.array(z.object({ id: z.string().uuid(), protocol: z.string(), status: requestStatusSchema })),
  registeredBy: z.string(),
  /** Written by the back office; the citizen gets it by e-mail. */
  response: z.string().nullable(),
  finishedAt: z.string().datetime().nullable(),
  /** Registration first. */
  timeline: z.array(requestEventSchema),
  /** The lifecycle actions the rules allow now (by the server's clock). */
  allowedActions: z.array(z.enum(['reiterate', 'complaint', 'restart', 'cancel'])),
});
export type Request = z.infer<typeof requestSchema>;
