import { z } from 'zod';
import { agentStateNameSchema } from '../cti/agent-states';

const count = z.number().int().nonnegative();
/** A duration as of the snapshot's `at`; the client adds the time since it received the snapshot. */
const elapsedMs = count.nullable();

/**
 * One queue over the rolling window (SUPERVISION_WINDOW_MINUTES, not reset at midnight):
 * - serviceLevelPercent = answered within SUPERVISION_SERVICE_LEVEL_SECONDS of joining the queue
 *   ÷ (answered + abandoned) × 100; null while nothing was answered nor abandoned;
 * - averageWaitSeconds (TME) = mean time in queue of the answered calls (AgentConnect HoldTime);
 * - averageTalkSeconds (TMA) = mean talk time of the calls completed (AgentComplete TalkTime).
 */
export const queueFiguresSchema = z.object({
  queue: z.string(),
  /** Callers in the queue now. */
  waiting: count,
  /** How long the first caller in line has waited; null when nobody waits. */
  longestWaitMs: elapsedMs,
  answered: count,
  abandoned: count,
  answeredWithinServiceLevel: count,
  serviceLevelPercent: z.number().min(0).max(100).nullable(),
  averageWaitSeconds: z.number().nonnegative().nullable(),
  averageTalkSeconds: z.number().nonnegative().nullable(),
  /** The queue's members by the state supervisors see. */
  agents: z.record(agentStateNameSchema, count),
});
export type QueueFigures = z.infer<typeof queueFiguresSchema>;

/** The call an agent is ringing with or talking to. */
export const supervisedCallSchema = z.object({
  callerNumber: z.string().nullable(),
  callerName: z.string().nullable(),
  queue: z.string().nullable(),
});
export type SupervisedCall = z.infer<typeof supervisedCallSchema>;

export const supervisedAgentSchema = z.object({
  extension: z.string(),
  /** The user with this extension, or the queue member's name when no user has it. */
  name: z.string().nullable(),
  state: agentStateNameSchema,
  /** The pause reason while paused. */
  reason: z.string().nullable(),
  /** Time in the current state; null when the state was never seen change (e.g. never in a queue). */
  inStateMs: elapsedMs,
  call: supervisedCallSchema.nullable(),
  queues: z.array(z.string()),
});
export type SupervisedAgent = z.infer<typeof supervisedAgentSchema>;

/** `queues:snapshot`, sent to the supervisors' room within a second of any change. */
export const queuesSnapshotSchema = z.object({
  at: z.string().datetime(),
  serviceLevelSeconds: z.number().int().positive(),
  windowMinutes: z.number().int().positive(),
  queues: z.array(queueFiguresSchema),
  agents: z.array(supervisedAgentSchema),
});
export type QueuesSnapshot = z.infer<typeof queuesSnapshotSchema>;
