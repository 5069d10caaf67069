import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { backOff } from 'exponential-backoff';
import { Subject, type Subscription } from 'rxjs';
import { type AgentState, type CallAnswered, type CallEndReason, type CallRinging, type CallerHistory, type CustomerSummary, phoneE164 } from '@receptivo/shared';
import { AttendanceEvents } from '../attendances/attendance-events';
import { AttendancesService } from '../attendances/attendances.service';
import { CallStarts } from '../attendances/call-starts';
import { CallerHistoryLookup } from '../attendances/caller-history';
import { Clock } from '../common/clock';
import type { Settings } from '../config/settings';
import { CustomerSearchService } from '../customers/customer-search';
import { ClusterNode } from '../cluster/cluster-node';
import { DatabaseStatus } from '../database/database-status';
import { AgentBoard, type BoardView } from './agent-board';
import { AgentDirectory } from './agent-directory';
import { lastCallEnd } from './call-snapshot';
import { type CallEffect, type TrackedCall, pbxPause } from './call-tracker';
import { CtiMetrics } from './cti-metrics';
import { CtiSockets } from './cti-sockets';
import { CtiService } from './cti.service';
import { LeaderLink } from './leader-link';
import { OrderedWork } from './ordered-work';
import { RingNoAnswerPause } from './ring-no-answer-pause';
import { UraRouteTable } from './ura-routes';
import { WrapUpHold } from './wrap-up-hold';

const MATCHES_SHOWN = 5;
/** A new leader's count of the desks, asked again this long after a node left it unanswered. */
const COUNT_RETRY_MS = 1_000;

/** What a pop tells of its caller: the records that may be theirs and, for the best of them, why they probably call. */
interface CallerFound {
  matches: CustomerSummary[];
  callerHistory: CallerHistory | null;
}
const NOTHING_FOUND: CallerFound = { matches: [], callerHistory: null };

/**
 * Turns the tracker's effects into what the attendant sees: screen-pops, the attendance started
 * for an answered call, the end of the call, the agent's state (the AgentBoard's rules: wrap-up
 * held in the PBX and its maximum, desks connected). Work for one call runs in order (a pop is never
 * overtaken by its own end), calls and agents in parallel. Work that needs the database waits for it
 * through an outage, in order, instead of failing; pops go out meanwhile, without matches. After
 * every rebuild of the CTI state, what the PBX no longer shows is settled (calls ended while the
 * server was down, wrap-ups it holds, pops desks still show).
 */
@Injectable()
export class CallDesk implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CallDesk.name);
  private readonly defaultAreaCode: string;
  /** Pops on screen now, per extension and call: sent again to a desk that reconnects. */
  private readonly pops = new Map<string, Map<string, CallRinging>>();
  /** Each call's customer lookup, by the caller it looked for (number and URA document). */
  private readonly matches = new Map<string, { caller: string; found: Promise<CallerFound>; ready?: CallerFound }>();
  /** Each call's caller number normalized: a libphonenumber parse is the dearest step of a pop, and the join, the ring and the answer all need it. */
  private readonly callerE164s = new Map<string, { number: string; e164: string | null }>();
  /** Fires on every change of an agent's state, as supervisors see it. */
  readonly agentsChanged$ = new Subject<void>();
  private readonly board: AgentBoard;
  private readonly wrapUp: WrapUpHold;
  /** Desks that connected before the first rebuild: what they show is settled after it. */
  private settleAfterRebuild: Array<() => Promise<void>> = [];
  /** Answered calls: the extension whose attendance records the call's end. */
  private readonly answeredAt = new Map<string, string>();
  private readonly work = new OrderedWork((key, error) => this.logger.error(`CTI ${key}: ${String(error)}`));
  /** The agent state last sent to each extension's desks. */
  private readonly statesSent = new Map<string, string>();
  /** The screen-pop being prepared per extension (matches lookup). */
  private readonly popsInFlight = new Map<string, Promise<void>>();
  private subscriptions: Subscription[] = [];

  constructor(
    private readonly cti: CtiService,
    private readonly sockets: CtiSockets,
    private readonly directory: AgentDirectory,
    private readonly customers: CustomerSearchService,
    private readonly callerHistory: CallerHistoryLookup,
    private readonly uraRoutes: UraRouteTable,
    private readonly attendances: AttendancesService,
    private readonly callStarts: CallStarts,
    private readonly attendanceEvents: AttendanceEvents,
    private readonly clock: Clock,
    private readonly database: DatabaseStatus,
    private readonly leader: LeaderLink,
    private readonly node: ClusterNode,
    private readonly metrics: CtiMetrics,
    config: ConfigService<Settings, true>,
  ) {
    this.defaultAreaCode = config.get('CTI_DEFAULT_AREA_CODE', { infer: true });
    this.wrapUpReason = config.get('CTI_WRAP_UP_REASON', { infer: true });
    this.board = new AgentBoard(config.get('CTI_WRAP_UP_MAX_SECONDS', { infer: true }) * 1000, this.wrapUpReason);
    this.wrapUp = new WrapUpHold(
      this.board,
      {
        pauseOf: (extension) => pbxPause(this.cti.tracked.agents.get(extension)),
        setPaused: (extension, paused, reason) => this.cti.setPaused(extension, paused, reason),
      },
      this.wrapUpReason,
      () => this.now(),
      (extension) => {
        this.agentsChanged$.next();
        this.publishAgentState(extension);
      },
      (message) => this.logger.warn(`CTI: ${message}`),
    );
    this.ringNoAnswer = new RingNoAnswerPause(
      config.get('CTI_RONA_LIMIT', { infer: true }),
      config.get('CTI_RONA_REASON', { infer: true }),
      (extension, paused, reason) => this.cti.setPaused(extension, paused, reason),
      (message) => this.logger.warn(`CTI: ${message}`),
    );
  }

  private readonly wrapUpReason: string;
  private readonly ringNoAnswer: RingNoAnswerPause;

  onModuleInit(): void {
    this.leader.handle('attendance-finished', async ({ attendantId }) => {
      await this.work.run(`user:${attendantId}`, async () => {
        const extension = await this.directory.extensionOf(attendantId);
        if (extension && this.endWrapUp(extension)) this.publishAgentState(extension);
      });
      return true;
    });
    this.subscriptions = [
      this.cti.effects$.subscribe((effect) => this.handle(effect)),
      this.cti.status$.subscribe((status) => this.sockets.broadcast('cti:status', status)),
      // Finished on any node: the leader ends the wrap-up.
      this.attendanceEvents.finished$.subscribe((attendantId) =>
        void this.leader.ask('attendance-finished', { attendantId }).catch((error: unknown) => this.logger.warn(`CTI: fim do atendimento: ${String(error)}`)),
      ),
      // A new leader counts the desks of every node again (a node that led before, too).
      this.node.role$.subscribe((role) => {
        if (role === 'leader') void this.countDesks();
      }),
      this.cti.rebuilt$.subscribe(({ now }) => void this.work.run('rebuild', () => this.settleAfter(now))),
    ];
  }

  /**
   * Counts this node's own connections at once, then asks every node for theirs. A node that does
   * not answer (killed, frozen, or stopping) fails the whole ask after the adapter's 5 s; unhandled,
   * that rejection ended the leader's process. The ask is made again while this node leads, until
   * every node answers; before the local count, even this node's desks showed offline meanwhile
   * (a wrap-up too: tests/cluster/failover.test.ts, under a full run's load).
   */
  private async countDesks(): Promise<void> {
    this.board.forgetDesks(this.now());
    this.sockets.resetSupervisors();
    const namespace = this.sockets.namespace;
    if (!namespace) return;
    const counted = new Set<string>();
    const count = (socket: { id: string; data: { extension?: string; supervisor?: boolean } }) => {
      if (counted.has(socket.id)) return;
      counted.add(socket.id);
      if (socket.data.extension) this.deskConnected(socket.data.extension, socket.id);
      if (socket.data.supervisor) this.sockets.supervisorConnected(socket.id);
    };
    for (const socket of namespace.sockets.values()) count(socket);
    const sockets = await backOff(() => namespace.fetchSockets(), {
      numOfAttempts: Infinity,
      startingDelay: COUNT_RETRY_MS,
      timeMultiple: 1,
      retry: (error: unknown, failures) => {
        this.logger.warn(`CTI: contagem das mesas conectadas falhou (tentativa ${failures}): ${String(error)}; nova tentativa em 1 s`);
        return this.node.role === 'leader';
      },
    }).catch(() => []);
    // No longer leading meanwhile: the node that leads now counts them.
    if (this.node.role !== 'leader') return;
    for (const socket of sockets) count(socket);
  }

  onModuleDestroy(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.wrapUp.stop();
  }

  /**
   * A desk connected anew (not recovered) still showing these calls, ringing or answered: each one no
   * longer ringing at it nor talking there gets its call:ended, once the CTI state has been rebuilt
   * (a restarted server knows nothing before).
   */
  settleShownCalls(userId: string, extension: string | null, callIds: readonly string[]): void {
    if (callIds.length === 0) return;
    const settle = async () => {
      const ringing = extension ? this.pops.get(extension) : undefined;
      const answeredHere = new Set([...this.cti.tracked.calls.values()].filter((call) => call.answeredBy === extension).map((call) => call.id));
      const stale = callIds.filter((callId) => !ringing?.has(callId) && !answeredHere.has(callId));
      if (stale.length === 0) return;
      const takers = await this.attendances.attendantsOf(stale).catch((error: unknown) => {
        this.database.reportFailure(error);
        return new Map<string, string[]>();
      });
      for (const callId of stale) {
        const taken = takers.get(callId) ?? [];
        const reason = taken.includes(userId) ? 'hangup' : taken.length > 0 ? 'answered_elsewhere' : 'abandoned';
        this.sockets.toUser(userId, 'call:ended', { callId, reason });
      }
    };
    if (this.cti.ready) void this.work.run('rebuild', settle);
    else this.settleAfterRebuild.push(settle);
  }

  /** What a desk connecting now must see: its agent state and the calls ringing at it. */
  snapshotFor(extension: string | null): { agentState: AgentState | null; pops: CallRinging[] } {
    if (!extension) return { agentState: null, pops: [] };
    return { agentState: this.agentStateOf(extension), pops: [...(this.pops.get(extension)?.values() ?? [])] };
  }

  /**
   * The attendances started for the user's calls and still open: a desk connecting anew (the server
   * restarted meanwhile) may have missed their call:answered. None while the database is down.
   */
  async answeredFor(userId: string): Promise<CallAnswered[]> {
    return this.attendances.openForCalls(userId).catch((error: unknown) => {
      if (!this.database.reportFailure(error)) throw error;
      return [];
    });
  }

  agentStateOf(extension: string): AgentState {
    return this.board.deskState(extension);
  }

  /** The extensions known to the board and what supervisors see of each. */
  supervisedAgents(): { extensions: Iterable<string>; view: (extension: string) => Readonly<BoardView> | undefined } {
    return { extensions: this.board.extensions(), view: (extension) => this.board.view(extension) };
  }

  /**
   * Whether the extension's user has a desk connected on any node, from the leader's count: no ask of
   * every node, which a frozen one leaves unanswered for the adapter's 5 s.
   */
  hasDesk(extension: string): boolean {
    return this.board.hasDesk(extension);
  }

  /** A /cti connection of the extension's user opened or closed (the gateway counts them). */
  deskConnected(extension: string, socketId: string): void {
    this.board.deskConnected(extension, socketId, this.now());
    this.agentsChanged$.next();
  }

  deskDisconnected(extension: string, socketId: string): void {
    this.board.deskDisconnected(extension, socketId, this.now());
    this.agentsChanged$.next();
  }

  private handle(effect: CallEffect): void {
    switch (effect.type) {
      case 'caller_known':
        void this.matchesOf(effect.call, this.callerE164Of(effect.call));
        break;
      case 'ringing': {
        const calledAt = this.cti.eventReadAt;
        if (this.popAtOnce(effect.extension, effect.call, effect.waitSeconds, calledAt)) break;
        const popped = this.work.run(effect.call.id, () => this.ring(effect.extension, effect.call, effect.waitSeconds, calledAt));
        this.popsInFlight.set(effect.extension, popped);
        void popped.then(() => {
          if (this.popsInFlight.get(effect.extension) === popped) this.popsInFlight.delete(effect.extension);
        });
        break;
      }
      case 'ring_stopped':
        // A queue call that rang out here (AgentRingNoAnswer): the queue offers it to someone else.
        if (effect.reason === 'not_answered' && this.cti.tracked.calls.get(effect.callId)?.queue) this.ringNoAnswer.notAnswered(effect.extension);
        this.work.run(effect.callId, () => this.stopRinging(effect.extension, effect.callId, effect.reason));
        break;
      case 'answered': {
        this.ringNoAnswer.answered(effect.extension);
        const connectedAt = this.cti.eventReadAt;
        this.answeredAt.set(effect.call.id, effect.extension);
        this.work.run(effect.call.id, () => this.answer(effect.extension, effect.call, effect.waitSeconds, connectedAt));
        break;
      }
      case 'ended': {
        const extension = this.answeredAt.get(effect.callId);
        this.answeredAt.delete(effect.callId);
        // Decided now, before the agent's new state is published below, and the PBX pause sent
        // before any database work: the queue must not ring this attendant meanwhile.
        if (extension) this.startWrapUp(extension, effect.endedAt);
        this.work.run(effect.callId, () => this.end(effect.callId, extension, effect.talkSeconds));
        break;
      }
      case 'agent_state':
        this.board.announce(effect.extension, { state: effect.state, reason: effect.reason }, this.now());
        this.wrapUp.pbxChanged(effect.extension);
        this.agentsChanged$.next();
        this.publishAgentState(effect.extension);
        break;
    }
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private startWrapUp(extension: string, endedAt: number): void {
    this.wrapUp.start(extension, endedAt);
    this.agentsChanged$.next();
  }

  /** True when the extension was in wrap-up. */
  private endWrapUp(extension: string): boolean {
    if (!this.wrapUp.end(extension)) return false;
    this.agentsChanged$.next();
    return true;
  }

  /**
   * After a rebuild, what the PBX no longer shows: answered calls whose end was never recorded (the
   * server was down when they ended) are closed with their talk time up to the member's LastCall,
   * and their attendants go to wrap-up; wrap-ups the PBX holds are restored (or released when the
   * attendance was finished meanwhile); desks that connected before are told which pops are over.
   */
  private async settleAfter(now: number): Promise<void> {
    const { calls, agents } = this.cti.tracked;
    const unended = await this.database.throughOutages(() => this.attendances.callsWithoutEnd());
    const closing: Promise<void>[] = [];
    for (const row of unended) {
      if (calls.has(row.callId) || this.answeredAt.has(row.callId)) continue;
      closing.push(
        this.work.run(row.callId, async () => {
          const extension = await this.database.throughOutages(() => this.directory.extensionOf(row.attendantId));
          const startedAt = row.startedAt.getTime();
          const endedAt = (extension && lastCallEnd(agents.get(extension), startedAt)) || now;
          const recorded = await this.database.throughOutages(() => this.attendances.recordCallEnd(row.callId, row.attendantId, Math.max(0, Math.round((endedAt - startedAt) / 1000))));
          if (!recorded) return;
          this.logger.log(`CTI: chamada ${row.callId} encerrou enquanto o servidor estava fora; duração registrada`);
          this.sockets.toUser(row.attendantId, 'call:ended', { callId: row.callId, reason: 'hangup' });
          if (extension && recorded.open) {
            this.startWrapUp(extension, endedAt);
            this.publishAgentState(extension);
          }
        }),
      );
    }
    await Promise.all(closing);

    for (const [extension, agent] of agents) {
      if (pbxPause(agent) !== this.wrapUpReason) {
        this.wrapUp.rehold(extension);
        continue;
      }
      if (this.wrapUp.holding(extension)) continue;
      const user = await this.database.throughOutages(() => this.directory.byExtension(extension));
      const open = user ? await this.database.throughOutages(() => this.attendances.inWrapUp(user.id)) : false;
      const pausedSince = Math.max(0, ...Object.values(agent.memberships).map((membership) => membership.lastPause)) * 1000 || now;
      this.wrapUp.restore(extension, pausedSince, open);
      this.agentsChanged$.next();
      this.publishAgentState(extension);
    }

    const waiting = this.settleAfterRebuild;
    this.settleAfterRebuild = [];
    for (const settle of waiting) await settle();
  }

  /**
   * The customers of the caller and what they called about lately (the best match's open requests,
   * their attendances in 24 h and 7 days), looked up once per caller the call shows (its number,
   * then the document the URA adds): started at caller_known, seconds before an agent rings, so a
   * pop finds them ready. Never batched: a pop waits for its own lookup only. Nothing while the
   * database is down: the pop must not wait for it.
   */
  private matchesOf(call: TrackedCall, callerE164: string | null): Promise<CallerFound> {
    if (!this.database.isUp) return Promise.resolve(NOTHING_FOUND);
    const caller = this.callerKey(callerE164, call);
    const known = this.matches.get(call.id);
    if (known?.caller === caller) return known.found;
    const lookUp = async (): Promise<CallerFound> => {
      // Side by side, on two pooled connections: the pop waits for the slower, not their sum.
      const document = call.ura.document ?? null;
      const [matches, callerHistory] = await Promise.all([
        this.customers.callerMatches({ e164: callerE164, document }, MATCHES_SHOWN),
        this.callerHistory.of(callerE164, document, this.clock.now()),
      ]);
      return { matches, callerHistory };
    };
    const found: Promise<CallerFound> = lookUp().then(
      (result) => {
        const entry = this.matches.get(call.id);
        if (entry?.found === found) entry.ready = result;
        return result;
      },
      (error: unknown) => {
        if (!this.database.reportFailure(error)) this.logger.error(`CTI ${call.id}: busca do cliente falhou: ${String(error)}`);
        if (this.matches.get(call.id)?.found === found) this.matches.delete(call.id);
        return NOTHING_FOUND;
      },
    );
    this.matches.set(call.id, { caller, found });
    return found;
  }

  /** Who a lookup looks for: the caller's number and the URA's document. */
  private callerKey(callerE164: string | null, call: TrackedCall): string {
    return `${callerE164 ?? ''} ${call.ura.document ?? ''}`;
  }

  /** The caller number normalized as customer phones are, parsed once per call while it lasts; null when it is no phone. */
  callerE164Of(call: TrackedCall): string | null {
    if (!call.callerNumber) return null;
    const known = this.callerE164s.get(call.id);
    if (known?.number === call.callerNumber) return known.e164;
    const e164 = phoneE164(call.callerNumber, this.defaultAreaCode) ?? null;
    this.callerE164s.set(call.id, { number: call.callerNumber, e164 });
    return e164;
  }

  /**
   * The pop sent right away when nothing it needs is pending — no earlier work for the call, the
   * attendant in the directory, the customer matches found (looked up since the URA) — as CPU work
   * only: it leaves with its AgentCalled instead of after every other event of the same AMI read
   * (promise continuations run only once all of them are handled). False: ring() does it in order.
   */
  private popAtOnce(extension: string, call: TrackedCall, waitSeconds: number, calledAt: number | null): boolean {
    if (!this.work.idle(call.id)) return false;
    const user = this.directory.knownByExtension(extension);
    const callerE164 = this.callerE164Of(call);
    const found = this.readyMatchesOf(call, callerE164);
    if (!user || !found) return false;
    this.sendPop(extension, user.id, call, waitSeconds, callerE164, found, calledAt);
    return true;
  }

  /** The caller's customers and history if already found (nothing while the database is down), without waiting. */
  private readyMatchesOf(call: TrackedCall, callerE164: string | null): CallerFound | undefined {
    if (!this.database.isUp) return NOTHING_FOUND;
    const known = this.matches.get(call.id);
    return known?.caller === this.callerKey(callerE164, call) ? known.ready : undefined;
  }

  private async ring(extension: string, call: TrackedCall, waitSeconds: number, calledAt: number | null): Promise<void> {
    const user = await this.directory.byExtension(extension);
    if (!user) return;
    const callerE164 = this.callerE164Of(call);
    this.sendPop(extension, user.id, call, waitSeconds, callerE164, await this.matchesOf(call, callerE164), calledAt);
  }

  /** `calledAt`: when its AgentCalled was read (CtiService.eventReadAt), for the pop latency; null for a pop of no AgentCalled. */
  private sendPop(
    extension: string,
    userId: string,
    call: TrackedCall,
    waitSeconds: number,
    callerE164: string | null,
    { matches, callerHistory }: CallerFound,
    calledAt: number | null,
  ): void {
    const pop: CallRinging = {
      callId: call.id,
      callerNumber: call.callerNumber,
      callerE164,
      callerName: call.callerName,
      queue: call.queue,
      waitSeconds,
      ura: call.ura,
      matches,
      callerHistory,
      // From memory: the sessão the call's URA option or queue leads to.
      uraRoute: this.uraRoutes.match(call.ura.option ?? null, call.queue),
    };
    const atExtension = this.pops.get(extension) ?? new Map<string, CallRinging>();
    atExtension.set(call.id, pop);
    this.pops.set(extension, atExtension);
    this.sockets.toUser(userId, 'call:ringing', pop);
    if (calledAt !== null) this.metrics.popSent(calledAt);
  }

  private async stopRinging(extension: string, callId: string, reason: CallEndReason): Promise<void> {
    this.pops.get(extension)?.delete(callId);
    const user = await this.directory.byExtension(extension);
    if (user) this.sockets.toUser(user.id, 'call:ended', { callId, reason });
  }

  /** `connectedAt`: when its AgentConnect was read (CtiService.eventReadAt); null for an answer found at a rebuild. */
  private async answer(extension: string, call: TrackedCall, waitSeconds: number, connectedAt: number | null): Promise<void> {
    this.pops.get(extension)?.delete(call.id);
    const user = await this.database.throughOutages(() => this.directory.byExtension(extension));
    if (!user) {
      this.logger.warn(`CTI: chamada ${call.id} atendida no ramal ${extension}, que não pertence a nenhum usuário ativo`);
      this.answeredAt.delete(call.id);
      this.endWrapUp(extension);
      return;
    }
    const callerE164 = this.callerE164Of(call);
    const answered = await this.database.throughOutages(() =>
      this.callStarts.start(
        { callId: call.id, callerNumber: call.callerNumber, callerE164, queue: call.queue, waitSeconds, talkSeconds: null, ura: call.ura },
        user.id,
      ),
    );
    this.sockets.toUser(user.id, 'call:answered', answered);
    if (connectedAt !== null) this.metrics.attendanceStarted(connectedAt);
  }

  private async end(callId: string, extension: string | undefined, talkSeconds: number | null): Promise<void> {
    this.matches.delete(callId);
    this.callerE164s.delete(callId);
    if (!extension) return;
    const user = await this.database.throughOutages(() => this.directory.byExtension(extension));
    if (!user) return;
    const recorded = await this.database.throughOutages(() => this.attendances.recordCallEnd(callId, user.id, talkSeconds ?? 0));
    this.sockets.toUser(user.id, 'call:ended', { callId, reason: 'hangup' });
    // Finished during the call: there is nothing left to wrap up.
    if (recorded && !recorded.open && this.endWrapUp(extension)) this.publishAgentState(extension);
  }

  /** The state as it is now, sent in order after the states before it. */
  private publishAgentState(extension: string): void {
    const state = this.agentStateOf(extension);
    // A screen-pop on its way goes out first: it is what the attendant acts on.
    const popping = this.popsInFlight.get(extension);
    this.work.run(`agent:${extension}`, async () => {
      await popping;
      // Once the PBX pauses (2 ms, at most 50): sent between a burst's chunks, the desks' states
      // went ahead of the next chunks' pops (40 writes among a 10× burst's 40 pops).
      await this.cti.afterBurst();
      // A PBX change the desk does not show (the wrap-up pause arriving during wrap-up) is no news.
      const said = `${state.state}:${state.reason ?? ''}`;
      if (this.statesSent.get(extension) === said) return;
      this.statesSent.set(extension, said);
      const user = await this.directory.byExtension(extension);
      if (user) this.sockets.toUser(user.id, 'agent:state', state);
    });
  }
}
