import { z } from 'zod';
import { channelSchema } from '../attendances/schemas';
import { type RequestStatus, requestStatusSchema, requestSummarySchema } from './schemas';

/** What can happen to a request after it is registered (docs/domain.md, Request statuses). */
/** Same order as `allowedActions` in requestSchema. */
export const requestActions = ['reiterate', 'complaint', 'restart', 'cancel'] as const;
export const requestActionSchema = z.enum(requestActions);
export type RequestAction = z.infer<typeof requestActionSchema>;
export const requestActionLabels: Record<RequestAction, string> = {
  reiterate: 'Reiterar chamado',
  complaint: 'Reclamação',
  restart: 'Reiniciar chamado',
  cancel: 'Cancelar solicitação',
};

/** The facts the rules read; `now` comes from the server's clock. */
export interface RequestRuleFacts {
  status: RequestStatus;
  deadline: Date;
  finishedAt: Date | null;
  /** The type's restart window in hours; null when restarting is disabled. */
  restartWindowHours: number | null;
}

export type RuleVerdict = { allowed: true } | { allowed: false; message: string };

const HOUR = 3_600_000;

/** Still open or in progress past its deadline: what a complaint needs, and what the desk marks. */
export function requestOverdue(facts: Pick<RequestRuleFacts, 'status' | 'deadline'>, now: Date): boolean {
  const active = facts.status === 'open' || facts.status === 'in_progress';
  return active && now.getTime() > facts.deadline.getTime();
}
const STATUS_WORDS: Record<RequestStatus, string> = {
  open: 'aberta',
  in_progress: 'em andamento',
  finished: 'finalizada',
  cancelled: 'cancelada',
};

/**
 * The operations manual's rules, one place for the server (which enforces them) and the screen
 * (which offers only what is allowed). A refusal names the rule.
 */
export function requestActionRule(action: RequestAction, facts: RequestRuleFacts, now: Date): RuleVerdict {
  const status = STATUS_WORDS[facts.status];
  const active = facts.status === 'open' || facts.status === 'in_progress';
  switch (action) {
    case 'reiterate':
      return active
        ? { allowed: true }
        : { allowed: false, message: `Só é possível reiterar uma solicitação aberta ou em andamento; esta está ${status}.` };
    case 'cancel':
      return active
        ? { allowed: true }
        : { allowed: false, message: `Só é possível cancelar uma solicitação aberta ou em andamento; esta está ${status}.` };
    case 'complaint':
      if (!active) return { allowed: false, message: `Não cabe reclamação de uma solicitação ${status}.` };
      return requestOverdue(facts, now)
        ? { allowed: true }
        : { allowed: false, message: 'A reclamação só é aceita depois de vencido o prazo de atendimento da solicitação.' };
    case 'restart': {
      if (facts.status !== 'finished') {
        return { allowed: false, message: `Só é possível reiniciar uma solicitação finalizada; esta está ${status}.` };
      }
      if (facts.restartWindowHours === null) return { allowed: false, message: 'Este tipo de solicitação não permite reinício.' };
      const finishedAt = facts.finishedAt ?? now;
      return now.getTime() <= finishedAt.getTime() + facts.restartWindowHours * HOUR
        ? { allowed: true }
        : { allowed: false, message: `O prazo para reiniciar (${facts.restartWindowHours} h após a finalização) já passou.` };
    }
  }
}

/** Back office: which status a request may move to (the group's first; its members follow). */
export function requestStatusChangeRule(from: RequestStatus, to: 'in_progress' | 'finished'): RuleVerdict {
  if (from === to) return { allowed: false, message: `A solicitação já está ${STATUS_WORDS[from]}.` };
  if (from === 'cancelled') return { allowed: false, message: 'A solicitação foi cancelada e não muda mais de situação.' };
  if (from === 'finished') {
    return { allowed: false, message: 'A solicitação já foi finalizada; só volta a andar se o cidadão pedir o reinício.' };
  }
  return { allowed: true };
}

const requiredText = (message: string, max = 4000) => z.string({ error: message }).trim().min(1, message).max(max, `Use no máximo ${max} caracteres.`);

/** POST /api/requests/:id/reiterate is multipart: this field, plus up to 5 `files`. */
export const reiterateRequestSchema = z.object({ description: requiredText('Descreva a reiteração.') });
export type ReiterateRequest = z.infer<typeof reiterateRequestSchema>;
export const complaintRequestSchema = z.object({ description: requiredText('Descreva a reclamação.') });
export type ComplaintRequest = z.infer<typeof complaintRequestSchema>;
export const restartRequestSchema = z.object({ reason: requiredText('Informe o motivo do reinício.') });
export type RestartRequest = z.infer<typeof restartRequestSchema>;
export const cancelRequestSchema = z.object({ reason: z.string().trim().max(4000).optional() });
export type CancelRequest = z.infer<typeof cancelRequestSchema>;

/** Attachment limits, enforced by the server on the bytes (the type is read from the content). */
export const attachmentLimits = {
  maxFiles: 5,
  maxBytes: 10 * 1024 * 1024,
  /** Content types accepted, as detected from the file's first bytes. */
  contentTypes: ['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'text/plain'],
  extensionsLabel: 'PDF, PNG, JPG, GIF, WEBP ou TXT',
} as const;

/** Back office: POST /api/requests/:id/status. Finishing needs the response to the citizen. */
export const changeRequestStatusSchema = z
  .object({
    status: z.enum(['in_progress', 'finished'], { error: 'Escolha a nova situação.' }),
    response: z.string().trim().max(8000, 'Use no máximo 8000 caracteres.').optional(),
  })
  .refine((body) => body.status !== 'finished' || (body.response?.length ?? 0) > 0, {
    path: ['response'],
    message: 'Escreva a resposta ao cidadão para finalizar.',
  });
export type ChangeRequestStatus = z.infer<typeof changeRequestStatusSchema>;

/** GET /api/backoffice/requests: the requests of the signed-in back office user's organ. */
export const backofficeQuerySchema = z.object({
  status: requestStatusSchema.optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type BackofficeQuery = z.input<typeof backofficeQuerySchema>;
export const backofficeRequestSchema = requestSummarySchema.extend({
  customerName: z.string().nullable(),
  attendanceProtocol: z.string(),
});
export const backofficeListSchema = z.object({ items: z.array(backofficeRequestSchema), total: z.number().int() });
export type BackofficeList = z.infer<typeof backofficeListSchema>;

/** GET /api/customers/:id/history. */
export const attendanceHistoryItemSchema = z.object({
  id: z.string().uuid(),
  protocol: z.string(),
  channel: channelSchema,
  status: z.enum(['open', 'finished']),
  startedAt: z.string().datetime(),
  finishedAt: z.string().datetime().nullable(),
  attendantName: z.string(),
  requestCount: z.number().int().nonnegative(),
  informationCount: z.number().int().nonnegative(),
});
export type AttendanceHistoryItem = z.infer<typeof attendanceHistoryItemSchema>;
/** One of the customer's attendances, with what was registered in it (titles, in registration order). */
export const customerHistoryAttendanceSchema = attendanceHistoryItemSchema.extend({
  informationTitles: z.array(z.string()),
  requestTypeNames: z.array(z.string()),
});
export type CustomerHistoryAttendance = z.infer<typeof customerHistoryAttendanceSchema>;
export const customerHistoryRequestSchema = requestSummarySchema.extend({
  /** Open or in progress past its deadline, by the server's clock. */
  overdue: z.boolean(),
});
export type CustomerHistoryRequest = z.infer<typeof customerHistoryRequestSchema>;
export const customerHistorySchema = z.object({
  attendances: z.array(customerHistoryAttendanceSchema),
  requests: z.array(customerHistoryRequestSchema),
});
export type CustomerHistory = z.infer<typeof customerHistorySchema>;

/**
 * GET /api/attendances: the Atendimentos tab. `q` is a keyword or a protocol (attendance or
 * request, with or without separators); the filters combine (AND).
 */
export const attendanceSearchQuerySchema = z
  .object({
    q: z.string().trim().max(100).optional(),
    organId: z.string().uuid('Órgão inválido.').optional(),
    status: requestStatusSchema.optional(),
    channel: channelSchema.optional(),
    from: z.iso.date('Data inicial inválida.').optional(),
    to: z.iso.date('Data final inválida.').optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ['to'], message: 'A data final é anterior à inicial.' });
export type AttendanceSearchQuery = z.input<typeof attendanceSearchQuerySchema>;
export const attendanceSearchItemSchema = attendanceHistoryItemSchema.extend({
  customerName: z.string().nullable(),
  /** The attendance's requests that pass the filters. */
  requests: z.array(requestSummarySchema),
});
export const attendanceSearchResultSchema = z.object({ items: z.array(attendanceSearchItemSchema), total: z.number().int() });
export type AttendanceSearchResult = z.infer<typeof attendanceSearchResultSchema>;
