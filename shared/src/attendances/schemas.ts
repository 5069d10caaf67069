import { z } from 'zod';
import { customerSummarySchema } from '../customers/schemas';
import { attendanceCallSchema, uraRouteMatchSchema } from '../cti/schemas';
import { requestSummarySchema } from '../requests/schemas';

export const channels = ['phone', 'walk_in', 'email', 'chat', 'web'] as const;
export const channelSchema = z.enum(channels, { error: 'Escolha o meio de comunicação.' });
export type Channel = z.infer<typeof channelSchema>;
export const channelLabels: Record<Channel, string> = {
  phone: 'Telefone',
  walk_in: 'Presencial',
  email: 'E-mail',
  chat: 'Chat',
  web: 'Web',
};

export const attendanceStatuses = ['open', 'finished'] as const;
export const attendanceStatusLabels: Record<(typeof attendanceStatuses)[number], string> = {
  open: 'Em andamento',
  finished: 'Finalizado',
};

export const startAttendanceSchema = z.object({ channel: channelSchema.default('phone') });
export type StartAttendance = z.input<typeof startAttendanceSchema>;

export const linkCustomerSchema = z.object({ customerId: z.string({ error: 'Escolha o cliente.' }).uuid('Escolha o cliente.') });
export type LinkCustomer = z.infer<typeof linkCustomerSchema>;

export const registerInformationSchema = z.object({
  informationId: z.string({ error: 'Escolha a informação.' }).uuid('Escolha a informação.'),
});
export type RegisterInformation = z.infer<typeof registerInformationSchema>;

export const finishAttendanceSchema = z.object({ sendScript: z.boolean().default(false) });
export type FinishAttendance = z.input<typeof finishAttendanceSchema>;

const userReferenceSchema = z.object({ id: z.string().uuid(), name: z.string() });

/** Where a `web` attendance with no attendant came from: the citizens' portal or an Open311 app. */
export const webOrigins = ['portal', 'open311'] as const;
export const webOriginSchema = z.enum(webOrigins);
export type WebOrigin = z.infer<typeof webOriginSchema>;
export const webOriginLabels: Record<WebOrigin, string> = { portal: 'Autoatendimento', open311: 'Aplicativo Open311' };

/** One entry of an attendance's history: for now, a supervisor taking it over from its holder. */
export const attendanceEventSchema = z.object({
  kind: z.enum(['taken_over']),
  at: z.string().datetime(),
  actor: userReferenceSchema,
  previousHolder: userReferenceSchema.nullable(),
});
export type AttendanceEvent = z.infer<typeof attendanceEventSchema>;

export const attendanceSchema = z.object({
  id: z.string().uuid(),
  protocol: z.string(),
  channel: channelSchema,
  status: z.enum(attendanceStatuses),
  startedAt: z.string().datetime(),
  finishedAt: z.string().datetime().nullable(),
  /** Who started it (by hand, or by answering its call); null when it came from the web (webOrigin). */
  attendant: userReferenceSchema.nullable(),
  /** Who may change it while open: the attendant, or the supervisor who took it over; null for a web one. */
  holder: userReferenceSchema.nullable(),
  webOrigin: webOriginSchema.nullable(),
  customer: customerSummarySchema.nullable(),
  informations: z.array(
    z.object({ id: z.string().uuid(), informationId: z.string().uuid(), title: z.string(), registeredAt: z.string().datetime() }),
  ),
  requests: z.array(requestSummarySchema),
  /** Set when the attendance was finished with [Enviar script de atendimento] and mailed. */
  scriptSentTo: z.string().nullable(),
  /** The call CTI started this attendance for, with the sessão its URA route leads to now; null when started by hand. */
  call: attendanceCallSchema.extend({ uraRoute: uraRouteMatchSchema.nullable() }).nullable(),
  /** Takeovers, oldest first. */
  history: z.array(attendanceEventSchema),
});
export type Attendance = z.infer<typeof attendanceSchema>;

/** Who attended: the attendant's name, or where a web attendance came from. */
export const attendedBy = (attendance: Pick<Attendance, 'attendant' | 'webOrigin'>): string =>
  attendance.attendant?.name ?? webOriginLabels[attendance.webOrigin ?? 'portal'];

/** GET /api/attendances/current: the signed-in attendant's open attendance, if any. */
export const currentAttendanceSchema = z.object({ attendance: attendanceSchema.nullable() });
export type CurrentAttendance = z.infer<typeof currentAttendanceSchema>;
