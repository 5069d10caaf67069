import { z } from 'zod';

/** What became of a try to call an abandoned caller back. */
export const callbackResults = ['calling', 'refused', 'attendant_no_answer', 'answered', 'no_answer', 'busy', 'failed'] as const;
export const callbackResultSchema = z.enum(callbackResults);
export type CallbackResult = z.infer<typeof callbackResultSchema>;
export const callbackResultLabels: Record<CallbackResult, string> = {
  calling: 'Chamando',
  refused: 'Recusada pela central',
  attendant_no_answer: 'O atendente não atendeu',
  answered: 'Cidadão atendeu',
  no_answer: 'Cidadão não atendeu',
  busy: 'Ocupado',
  failed: 'Falhou',
};

export const abandonedDoneReasons = ['called_back', 'called_in', 'by_hand'] as const;
export const abandonedDoneReasonLabels: Record<(typeof abandonedDoneReasons)[number], string> = {
  called_back: 'Retornada',
  called_in: 'O cidadão ligou de novo e foi atendido',
  by_hand: 'Resolvida pela supervisão',
};

/** A caller who hung up waiting in a queue, for supervisors to call back. */
export const abandonedCallSchema = z.object({
  id: z.string().uuid(),
  callerNumber: z.string().nullable(),
  /** The customer the number or the URA's document matched when the call was abandoned. */
  customer: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
  queue: z.string().nullable(),
  waitSeconds: z.number().int().nonnegative(),
  abandonedAt: z.string().datetime(),
  status: z.enum(['pending', 'done']),
  doneReason: z.enum(abandonedDoneReasons).nullable(),
  doneAt: z.string().datetime().nullable(),
  /** Who marked it done by hand, or who called back. */
  doneBy: z.string().nullable(),
  /** Each try to call back, oldest first. */
  attempts: z.array(
    z.object({
      at: z.string().datetime(),
      userName: z.string(),
      extension: z.string(),
      result: callbackResultSchema,
      /** The attendance the answered callback started. */
      attendanceProtocol: z.string().nullable(),
    }),
  ),
});
export type AbandonedCall = z.infer<typeof abandonedCallSchema>;

const isoDay = (label: string) => z.iso.date({ error: `${label} inválida.` }).optional();

/** GET /api/supervision/abandoned?from&to&status&page: Brasília days, both included; pending by default. */
export const abandonedQuerySchema = z
  .object({
    from: isoDay('Data inicial'),
    to: isoDay('Data final'),
    status: z.enum(['pending', 'done', 'all'], { error: 'Situação: pending, done ou all.' }).default('pending'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: 'A data final é anterior à inicial.', path: ['to'] });
export type AbandonedQuery = z.output<typeof abandonedQuerySchema>;

export const abandonedListSchema = z.object({ items: z.array(abandonedCallSchema), total: z.number().int() });
export type AbandonedList = z.infer<typeof abandonedListSchema>;

/** POST /api/supervision/abandoned/:id/callback: the attendant whose phone rings first, then the citizen's. */
export const abandonedCallbackSchema = z.object({
  extension: z.string({ error: 'Escolha o ramal do atendente.' }).regex(/^\d{2,8}$/, 'Escolha o ramal do atendente.'),
});
export type AbandonedCallback = z.infer<typeof abandonedCallbackSchema>;
