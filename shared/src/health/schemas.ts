import { z } from 'zod';

export const ctiStates = ['off', 'connected', 'reconnecting', 'login_refused'] as const;
export const ctiStateSchema = z.enum(ctiStates);
export type CtiState = z.infer<typeof ctiStateSchema>;

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['up', 'down']),
  cti: ctiStateSchema,
});
export type Health = z.infer<typeof healthSchema>;
