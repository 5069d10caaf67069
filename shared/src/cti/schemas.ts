import { z } from 'zod';
import { customerSummarySchema } from '../customers/schemas';
import { ctiStateSchema, nodeRoleSchema } from '../health/schemas';
import { queuesDeltaSchema, queuesSnapshotSchema } from '../supervision/schemas';
import { agentStateNameSchema } from './agent-states';

// Apart so the supervision schemas can use them without importing this file back.
export * from './agent-states';

/** Socket.IO namespace of the CTI contract (docs/cti.md). */
export const ctiNamespace = '/cti';

/**
 * The handshake's `auth` of /cti: the session's JWT, and the calls the desk still shows as ringing,
 * so a desk connecting anew (say, after a server restart) gets call:ended for those that are over.
 */
export const ctiHandshakeSchema = z.object({
  token: z.string().min(1),
  shownPops: z.array(z.string().max(200)).max(100).default([]),
});
export type CtiHandshake = z.input<typeof ctiHandshakeSchema>;


export const callEndReasons = ['hangup', 'abandoned', 'answered_elsewhere', 'not_answered'] as const;
export const callEndReasonSchema = z.enum(callEndReasons);
export type CallEndReason = z.infer<typeof callEndReasonSchema>;
export const callEndReasonLabels: Record<CallEndReason, string> = {
  hangup: 'Chamada encerrada',
  abandoned: 'O cidadão desistiu da chamada',
  answered_elsewhere: 'Atendida por outro atendente',
  not_answered: 'Chamada não atendida',
};

/** URA data by screen-pop field (CTI_URA_FIELDS): document, protocol, option, … */
export const uraDataSchema = z.record(z.string(), z.string());
export type UraData = z.infer<typeof uraDataSchema>;

/** The knowledge sessão a call's URA option or queue leads to (GET/PUT /api/cti/ura-routes), and how the pop names it. */
export const uraRouteMatchSchema = z.object({
  categoryId: z.string().uuid(),
  categoryName: z.string(),
  /** "Opção 2 — Iluminação pública", or "Fila ouvidoria — Ouvidoria" for a route by queue only. */
  label: z.string(),
});
export type UraRouteMatch = z.infer<typeof uraRouteMatchSchema>;

const routeKey = (label: string) =>
  z
    .string()
    .trim()
    .max(40, `${label}: no máximo 40 caracteres.`)
    .nullish()
    .transform((value) => (value ? value : null));

/** One route: a URA option (the `option` field of CTI_URA_FIELDS), a queue, or both, to a sessão. */
export const uraRouteInputSchema = z
  .object({
    option: routeKey('Opção'),
    queue: routeKey('Fila'),
    categoryId: z.string({ error: 'Escolha a sessão.' }).uuid('Escolha a sessão.'),
  })
  .refine((route) => route.option !== null || route.queue !== null, { message: 'Informe a opção da URA, a fila ou as duas.', path: ['option'] });

/** PUT /api/cti/ura-routes replaces the whole table; GET answers it with each sessão's name. */
export const uraRoutesInputSchema = z.object({
  routes: z
    .array(uraRouteInputSchema)
    .max(200, 'No máximo 200 rotas.')
    .superRefine((routes, ctx) => {
      const seen = new Set<string>();
      routes.forEach((route, index) => {
        const key = `${route.option ?? ''}\u0000${route.queue ?? ''}`;
        if (seen.has(key)) ctx.addIssue({ code: 'custom', message: 'Esta opção e fila já têm uma rota.', path: [index, 'option'] });
        seen.add(key);
      });
    }),
});
export type UraRoutesInput = z.input<typeof uraRoutesInputSchema>;
export const uraRoutesSchema = z.object({
  routes: z.array(z.object({ option: z.string().nullable(), queue: z.string().nullable(), categoryId: z.string().uuid(), categoryName: z.string() })),
});
export type UraRoutes = z.infer<typeof uraRoutesSchema>;

/** Why they probably call: how often they called lately and what they have open, for the pop's best match. */
export const callerHistorySchema = z.object({
  /** Attendances of the best match's record or from the caller's number, in the last 24 h and 7 days (this call not included). */
  attendancesLast24h: z.number().int().nonnegative(),
  attendancesLast7d: z.number().int().nonnegative(),
  /** The best match's requests still open or in progress, the most urgent deadline first (10 at most). */
  openRequests: z.array(
    z.object({
      id: z.string().uuid(),
      protocol: z.string(),
      typeName: z.string(),
      status: z.enum(['open', 'in_progress']),
      deadline: z.string().datetime(),
      overdue: z.boolean(),
    }),
  ),
});
export type CallerHistory = z.infer<typeof callerHistorySchema>;

export const callRingingSchema = z.object({
  callId: z.string(),
  callerNumber: z.string().nullable(),
  /** The caller number normalized as customer phones are; null when it cannot be read as a phone. */
  callerE164: z.string().nullable(),
  callerName: z.string().nullable(),
  queue: z.string().nullable(),
  waitSeconds: z.number().int().nonnegative(),
  ura: uraDataSchema,
  /** Customers with the caller's phone, then with the URA's document. */
  matches: z.array(customerSummarySchema),
  /** Null when there is neither a match nor a caller number to go by. */
  callerHistory: callerHistorySchema.nullable(),
  /** The sessão the call's URA option or queue leads to; the desk opens it when the call is answered. */
  uraRoute: uraRouteMatchSchema.nullable(),
});
export type CallRinging = z.infer<typeof callRingingSchema>;

export const callAnsweredSchema = z.object({ callId: z.string(), attendanceId: z.string().uuid(), protocol: z.string() });
export type CallAnswered = z.infer<typeof callAnsweredSchema>;

export const callEndedSchema = z.object({ callId: z.string(), reason: callEndReasonSchema });
export type CallEnded = z.infer<typeof callEndedSchema>;

export const agentStateSchema = z.object({ state: agentStateNameSchema, reason: z.string().optional() });
export type AgentState = z.infer<typeof agentStateSchema>;

export const ctiStatusSchema = z.object({
  connected: z.boolean(),
  since: z.string().datetime().nullable(),
  lastEventAt: z.string().datetime().nullable(),
});
export type CtiStatusEvent = z.infer<typeof ctiStatusSchema>;

export const agentPauseSchema = z.object({
  reason: z.string({ error: 'Informe o motivo da pausa.' }).trim().min(1, 'Informe o motivo da pausa.').max(80, 'Use no máximo 80 caracteres.'),
});
export type AgentPause = z.infer<typeof agentPauseSchema>;

/**
 * GET /api/cti/pause-reasons: CTI_PAUSE_REASONS, the only reasons agent:pause accepts; and the
 * reason of the ring-no-answer auto-pause (CTI_RONA_REASON; null when CTI_RONA_LIMIT is 0), which
 * the desk explains when it sees it.
 */
export const ctiPauseReasonsSchema = z.object({ reasons: z.array(z.string()), ringNoAnswerReason: z.string().nullable() });
export type CtiPauseReasons = z.infer<typeof ctiPauseReasonsSchema>;

/** The answer to every client event of /cti: the API error shape when it failed (RATE_LIMITED when the socket sent too many). */
export const ctiAckSchema = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type CtiAck = z.infer<typeof ctiAckSchema>;

/**
 * The session behind a /cti connection ended (password reset, role change, deactivation, token
 * expiry): sent just before the server disconnects it, so the desk can say why and ask to sign in again.
 */
export const sessionEndedSchema = z.object({
  code: z.enum(['TOKEN_EXPIRED', 'TOKEN_INVALID']),
  message: z.string(),
});
export type SessionEnded = z.infer<typeof sessionEndedSchema>;

/**
 * A supervisor took over an attendance this user held: sent to the previous holder's desks, which
 * close it (their writes to it would be refused from now on).
 */
export const attendanceTakenOverSchema = z.object({
  attendanceId: z.string().uuid(),
  protocol: z.string(),
  by: z.object({ id: z.string().uuid(), name: z.string() }),
});
export type AttendanceTakenOver = z.infer<typeof attendanceTakenOverSchema>;

/** Server → client events of /cti, each with its schema, so both ends parse the same shape. */
export const ctiServerEventSchemas = {
  'call:ringing': callRingingSchema,
  'call:answered': callAnsweredSchema,
  'call:ended': callEndedSchema,
  'agent:state': agentStateSchema,
  'cti:status': ctiStatusSchema,
  /** Supervisors and admins only: the whole board to one of them (on connecting, on queues:resend)... */
  'queues:snapshot': queuesSnapshotSchema,
  /** ...then what changed, to the supervisors' room. */
  'queues:delta': queuesDeltaSchema,
  'session:ended': sessionEndedSchema,
  'attendance:taken_over': attendanceTakenOverSchema,
} as const;

export type CtiServerToClientEvents = {
  [Name in keyof typeof ctiServerEventSchemas]: (payload: z.infer<(typeof ctiServerEventSchemas)[Name]>) => void;
};

export interface CtiClientToServerEvents {
  'agent:pause': (payload: AgentPause, ack: (answer: CtiAck) => void) => void;
  'agent:unpause': (ack: (answer: CtiAck) => void) => void;
  /** A supervisor missed a queues:delta: the whole board again, as a queues:snapshot. */
  'queues:resend': (ack: (answer: CtiAck) => void) => void;
}

/** The call an attendance was started for by CTI. */
export const attendanceCallSchema = z.object({
  callId: z.string(),
  callerNumber: z.string().nullable(),
  callerE164: z.string().nullable(),
  queue: z.string().nullable(),
  waitSeconds: z.number().int().nonnegative(),
  talkSeconds: z.number().int().nonnegative().nullable(),
  ura: uraDataSchema,
});
export type AttendanceCall = z.infer<typeof attendanceCallSchema>;

/** Telephony admin page: GET /api/cti/overview. */
export const ctiAgentRowSchema = z.object({
  extension: z.string(),
  user: z.object({ id: z.string().uuid(), name: z.string(), username: z.string() }).nullable(),
  state: agentStateNameSchema,
  reason: z.string().nullable(),
  queues: z.array(z.string()),
  /** Desks of this user connected to /cti now. */
  connected: z.boolean(),
});
export type CtiAgentRow = z.infer<typeof ctiAgentRowSchema>;

export const ctiOverviewSchema = z.object({
  state: ctiStateSchema,
  host: z.string().nullable(),
  since: z.string().datetime().nullable(),
  lastEventAt: z.string().datetime().nullable(),
  activeCalls: z.number().int().nonnegative(),
  agents: z.array(ctiAgentRowSchema),
  /** NODE_NAME of the node that runs the PBX link (the leader, or the only node). */
  leader: z.string(),
  /** The node that answered, and its role. */
  node: z.string(),
  role: nodeRoleSchema,
});
export type CtiOverview = z.infer<typeof ctiOverviewSchema>;

/** Where a finding's fix goes: a file of the PBX's configuration, the server's settings, or the desk's user records. */
export const pbxConfigPlaces = ['manager.conf', 'queues.conf', 'extensions.conf', 'pjsip.conf', 'receptivo.env', 'usuarios', 'sistema'] as const;

/** One thing the PBX wiring check found wrong or missing, what it breaks, and the fix. */
export const pbxFindingSchema = z.object({
  /** Stable: `member_outside_pattern`, `ura_variable_missing`, `event_filtered`… (docs/cti.md lists them). */
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  /** What is wrong, in pt-BR. */
  title: z.string(),
  /** What it breaks on the desks and why, in pt-BR. */
  detail: z.string(),
  fix: z.object({ place: z.enum(pbxConfigPlaces), lines: z.array(z.string()) }).nullable(),
});
export type PbxFinding = z.infer<typeof pbxFindingSchema>;

/** GET /api/cti/diagnostics: the PBX wiring check, run by the node that holds the PBX link. */
export const ctiDiagnosticsSchema = z.object({
  checkedAt: z.string().datetime(),
  state: ctiStateSchema,
  host: z.string().nullable(),
  leader: z.string(),
  /** The PBX clock minus the server's, in ms (from Ping's Timestamp); null when it could not be read. */
  clockOffsetMs: z.number().nullable(),
  /** Calls the link has seen since it connected: checks of the call events need some. */
  callsSeen: z.number().int().nonnegative(),
  queues: z.array(
    z.object({
      name: z.string(),
      members: z.array(z.object({ interface: z.string(), extension: z.string().nullable(), userName: z.string().nullable() })),
    }),
  ),
  findings: z.array(pbxFindingSchema),
  /** The checks that passed, in pt-BR. */
  passed: z.array(z.string()),
  /** Checks that wait for calls to be seen, in pt-BR. */
  pending: z.array(z.string()),
});
export type CtiDiagnostics = z.infer<typeof ctiDiagnosticsSchema>;

/** GET /api/cti/events?q=: the last AMI events kept in memory, newest first. */
export const ctiTapEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string().datetime(),
  event: z.string(),
  linkedid: z.string().nullable(),
  fields: z.record(z.string(), z.string()),
});
export type CtiTapEntry = z.infer<typeof ctiTapEntrySchema>;
export const ctiTapSchema = z.object({ items: z.array(ctiTapEntrySchema) });
export type CtiTap = z.infer<typeof ctiTapSchema>;
export const ctiTapQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type CtiTapQuery = z.infer<typeof ctiTapQuerySchema>;

/** POST /api/cti/test-call: a synthetic call that pops on the extension's desk. */
export const ctiTestCallSchema = z.object({
  extension: z.string({ error: 'Escolha o ramal.' }).regex(/^\d{2,8}$/, 'Escolha o ramal.'),
  callerNumber: z.string().trim().max(20).default('11987654321'),
  document: z.string().trim().max(20).optional(),
});
export type CtiTestCall = z.input<typeof ctiTestCallSchema>;
export const ctiTestCallResultSchema = z.object({ callId: z.string() });
export type CtiTestCallResult = z.infer<typeof ctiTestCallResultSchema>;
