import { z } from 'zod';

export const attachmentSchema = z.object({
  id: z.string().uuid(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const requestEventKinds = [
  'registered',
  'grouped',
  'reiterated',
  'complaint',
  'restarted',
  'cancelled',
  'status_changed',
  'responded',
  'email_resent',
] as const;
export const requestEventKindSchema = z.enum(requestEventKinds);
export type RequestEventKind = z.infer<typeof requestEventKindSchema>;
export const requestEventKindLabels: Record<RequestEventKind, string> = {
  registered: 'Registrada',
  grouped: 'Agrupada',
  reiterated: 'Reiteração',
  complaint: 'Reclamação',
  restarted: 'Reinício',
  cancelled: 'Cancelamento',
  status_changed: 'Mudança de situação',
  responded: 'Resposta',
  email_resent: 'E-mail reenviado',
};

/** One timeline entry: who did what, when. */
export const requestEventSchema = z.object({
  id: z.string().uuid(),
  kind: requestEventKindSchema,
  description: z.string(),
  actor: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
  /** Done by the requester on the self-service portal. */
  viaPortal: z.boolean(),
  at: z.string().datetime(),
  attachments: z.array(attachmentSchema),
});
export type RequestEvent = z.infer<typeof requestEventSchema>;

/** Who wrote a timeline entry, as the desk and the PDF name it: an entry without a person was written by the server itself. */
export const requestEventAuthor = (event: Pick<RequestEvent, 'actor' | 'viaPortal'>): string =>
  event.viaPortal ? 'Cidadão, pelo Autoatendimento' : (event.actor?.name ?? 'Sistema');
