import { z } from 'zod';

export const ctiStates = ['off', 'connected', 'reconnecting', 'login_refused'] as const;
export const ctiStateSchema = z.enum(ctiStates);
export type CtiState = z.infer<typeof ctiStateSchema>;

/** `single` without REDIS_URL; in a cluster the one `leader` runs the PBX link, the others are `follower`s. */
export const nodeRoles = ['single', 'leader', 'follower'] as const;
export const nodeRoleSchema = z.enum(nodeRoles);
export type NodeRole = z.infer<typeof nodeRoleSchema>;

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['up', 'down']),
  cti: ctiStateSchema,
  /** NODE_NAME: which node answered. */
  node: z.string(),
  role: nodeRoleSchema,
});
export type Health = z.infer<typeof healthSchema>;
