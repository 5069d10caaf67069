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

/** The figures as of `at`: what a supervisor's screen shows, whole. */
const queuesBoardShape = {
  at: z.string().datetime(),
  serviceLevelSeconds: z.number().int().positive(),
  windowMinutes: z.number().int().positive(),
  queues: z.array(queueFiguresSchema),
  agents: z.array(supervisedAgentSchema),
};

/**
 * Where an update stands in the leader's stream of updates: `epoch` is new whenever a node starts
 * leading (or restarts), `seq` counts the updates within it. A supervisor applies a delta only on
 * top of the one before it (same epoch, seq + 1); anything else is a gap, mended by a full resend.
 */
const feedPosition = { epoch: z.string().min(1), seq: count };

/**
 * `queues:snapshot`: everything, to one supervisor as it connects or asks again (`queues:resend`);
 * the deltas that follow count on from its `seq`.
 */
export const queuesSnapshotSchema = z.object({ ...feedPosition, ...queuesBoardShape });
export type QueuesSnapshot = z.infer<typeof queuesSnapshotSchema>;
/** The figures without their place in the stream (what the server builds). */
export type QueuesBoard = Omit<QueuesSnapshot, keyof typeof feedPosition>;

/**
 * `queues:delta`, to the supervisors' room at every paced change: the queues and agents whose rows
 * changed since the update before (whole rows), those gone, and the order of the keys when it is
 * not the old order less the ones gone (a row added). Rows not sent are as before, their durations
 * (`longestWaitMs`, `inStateMs`) older by the time between the two `at`.
 */
export const queuesDeltaSchema = z.object({
  ...feedPosition,
  seq: z.number().int().positive(),
  at: queuesBoardShape.at,
  queues: z.array(queueFiguresSchema),
  agents: z.array(supervisedAgentSchema),
  removedQueues: z.array(z.string()),
  removedAgents: z.array(z.string()),
  /** Every queue name in order; only when a queue was added (or the order changed otherwise). */
  queueOrder: z.array(z.string()).optional(),
  /** Every extension in order; only when an agent was added (or the order changed otherwise). */
  agentOrder: z.array(z.string()).optional(),
});
export type QueuesDelta = z.infer<typeof queuesDeltaSchema>;
