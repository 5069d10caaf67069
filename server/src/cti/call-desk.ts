import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Subject, type Subscription } from 'rxjs';
import { type AgentState, type CallEndReason, type CallRinging, type CustomerSummary, normalizePhone } from '@receptivo/shared';
import { AttendanceEvents } from '../attendances/attendance-events';
import { AttendancesService } from '../attendances/attendances.service';
import { Clock } from '../common/clock';
import type { Settings } from '../config/settings';
import { CustomerSearchService } from '../customers/customer-search';
import { AgentBoard, type BoardView } from './agent-board';
import { AgentDirectory } from './agent-directory';
import { CallerLookups } from './caller-lookups';
import type { CallEffect, TrackedCall } from './call-tracker';
import { CtiSockets } from './cti-sockets';
import { CtiService } from './cti.service';

const MATCHES_SHOWN = 5;

/**
 * Turns the tracker's effects into what the attendant sees: screen-pops, the attendance started
 * for an answered call, the end of the call, the agent's state (the AgentBoard's rules: wrap-up
 * and its maximum, desks connected). Work for one call runs in order (a pop is never overtaken by
 * its own end), calls and agents in parallel.
 */
@Injectable()
export class CallDesk implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CallDesk.name);
  private readonly defaultAreaCode: string;
  private readonly lookups: CallerLookups;
  /** Pops on screen now, per extension and call: sent again to a desk that reconnects. */
  private readonly pops = new Map<string, Map<string, CallRinging>>();
  private readonly matches = new Map<string, Promise<CustomerSummary[]>>();
  /** Fires on every change of an agent's state, as supervisors see it. */
  readonly agentsChanged$ = new Subject<void>();
  private readonly board: AgentBoard;
  /** Per extension in wrap-up: the timer that ends it at CTI_WRAP_UP_MAX_SECONDS. */
  private readonly wrapUpTimers = new Map<string, NodeJS.Timeout>();
  /** Answered calls: the extension whose attendance records the call's end. */
  private readonly answeredAt = new Map<string, string>();
  private readonly chains = new Map<string, Promise<void>>();
  /** The screen-pop being prepared per extension (matches lookup). */
  private readonly popsInFlight = new Map<string, Promise<void>>();
  private subscriptions: Subscription[] = [];

  constructor(
    private readonly cti: CtiService,
    private readonly sockets: CtiSockets,
    private readonly directory: AgentDirectory,
    customers: CustomerSearchService,
    private readonly attendances: AttendancesService,
    private readonly attendanceEvents: AttendanceEvents,
    private readonly clock: Clock,
    config: ConfigService<Settings, true>,
  ) {
    this.defaultAreaCode = config.get('CTI_DEFAULT_AREA_CODE', { infer: true });
    this.board = new AgentBoard(config.get('CTI_WRAP_UP_MAX_SECONDS', { infer: true }) * 1000);
    this.lookups = new CallerLookups(customers, MATCHES_SHOWN);
  }

  onModuleInit(): void {
    this.subscriptions = [
      this.cti.effects$.subscribe((effect) => this.handle(effect)),
      this.cti.status$.subscribe((status) => this.sockets.broadcast('cti:status', status)),
      this.attendanceEvents.finished$.subscribe((attendantId) =>
        this.inOrder(`user:${attendantId}`, async () => {
          const extension = await this.directory.extensionOf(attendantId);
          if (extension && this.endWrapUp(extension)) this.publishAgentState(extension);
        }),
      ),
    ];
  }

  onModuleDestroy(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    for (const timer of this.wrapUpTimers.values()) clearTimeout(timer);
  }

  /** What a desk connecting now must see: its agent state and the calls ringing at it. */
  snapshotFor(extension: string | null): { agentState: AgentState | null; pops: CallRinging[] } {
    if (!extension) return { agentState: null, pops: [] };
    return { agentState: this.agentStateOf(extension), pops: [...(this.pops.get(extension)?.values() ?? [])] };
  }

  agentStateOf(extension: string): AgentState {
    return this.board.deskState(extension);
  }

  /** The extensions known to the board and what supervisors see of each. */
  supervisedAgents(): { extensions: Iterable<string>; view: (extension: string) => Readonly<BoardView> | undefined } {
    return { extensions: this.board.extensions(), view: (extension) => this.board.view(extension) };
  }

  /** A /cti connection of the extension's user opened or closed (the gateway counts them). */
  deskConnected(extension: string): void {
    this.board.deskConnected(extension, this.now());
    this.agentsChanged$.next();
  }

  deskDisconnected(extension: string): void {
    this.board.deskDisconnected(extension, this.now());
    this.agentsChanged$.next();
  }

  private handle(effect: CallEffect): void {
    switch (effect.type) {
      case 'ringing': {
        const popped = this.inOrder(effect.call.id, () => this.ring(effect.extension, effect.call, effect.waitSeconds));
        this.popsInFlight.set(effect.extension, popped);
        void popped.then(() => {
          if (this.popsInFlight.get(effect.extension) === popped) this.popsInFlight.delete(effect.extension);
        });
        break;
      }
      case 'ring_stopped':
        this.inOrder(effect.callId, () => this.stopRinging(effect.extension, effect.callId, effect.reason));
        break;
      case 'answered':
        this.answeredAt.set(effect.call.id, effect.extension);
        this.inOrder(effect.call.id, () => this.answer(effect.extension, effect.call, effect.waitSeconds));
        break;
      case 'ended': {
        const extension = this.answeredAt.get(effect.callId);
        this.answeredAt.delete(effect.callId);
        // Decided now, before the agent's new state is published below.
        if (extension) this.startWrapUp(extension);
        this.inOrder(effect.callId, () => this.end(effect.callId, extension, effect.talkSeconds));
        break;
      }
      case 'agent_state':
        this.board.announce(effect.extension, { state: effect.state, reason: effect.reason }, this.now());
        this.agentsChanged$.next();
        this.publishAgentState(effect.extension);
        break;
    }
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private startWrapUp(extension: string): void {
    const now = this.now();
    this.board.startWrapUp(extension, now);
    this.agentsChanged$.next();
    clearTimeout(this.wrapUpTimers.get(extension));
    this.wrapUpTimers.delete(extension);
    const endsAt = this.board.wrapUpEndsAt(extension);
    if (endsAt === null) return;
    const timer = setTimeout(() => {
      // The attendance may stay open: the agent is available for calls again all the same.
      if (this.endWrapUp(extension)) this.publishAgentState(extension);
    }, endsAt - now);
    this.wrapUpTimers.set(extension, timer);
  }

  /** True when the extension was in wrap-up. */
  private endWrapUp(extension: string): boolean {
    clearTimeout(this.wrapUpTimers.get(extension));
    this.wrapUpTimers.delete(extension);
    if (!this.board.endWrapUp(extension, this.now())) return false;
    this.agentsChanged$.next();
    return true;
  }

  private inOrder(key: string, work: () => Promise<void>): Promise<void> {
    const next = (this.chains.get(key) ?? Promise.resolve())
      .then(work)
      .catch((error: unknown) => this.logger.error(`CTI ${key}: ${String(error)}`));
    this.chains.set(key, next);
    void next.then(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
    return next;
  }

  private matchesOf(call: TrackedCall, callerE164: string | null): Promise<CustomerSummary[]> {
    let found = this.matches.get(call.id);
    if (!found) {
      found = this.lookups.find(callerE164, call.ura.document ?? null);
      this.matches.set(call.id, found);
    }
    return found;
  }

  /** The caller number normalized as customer phones are; null when it is no phone. */
  private callerE164Of(call: TrackedCall): string | null {
    return call.callerNumber ? (normalizePhone(call.callerNumber, this.defaultAreaCode)?.e164 ?? null) : null;
  }

  private async ring(extension: string, call: TrackedCall, waitSeconds: number): Promise<void> {
    const user = await this.directory.byExtension(extension);
    if (!user) return;
    const callerE164 = this.callerE164Of(call);
    const pop: CallRinging = {
      callId: call.id,
      callerNumber: call.callerNumber,
      callerE164,
      callerName: call.callerName,
      queue: call.queue,
      waitSeconds,
      ura: call.ura,
      matches: await this.matchesOf(call, callerE164),
    };
    const atExtension = this.pops.get(extension) ?? new Map<string, CallRinging>();
    atExtension.set(call.id, pop);
    this.pops.set(extension, atExtension);
    this.sockets.toUser(user.id, 'call:ringing', pop);
  }

  private async stopRinging(extension: string, callId: string, reason: CallEndReason): Promise<void> {
    this.pops.get(extension)?.delete(callId);
    const user = await this.directory.byExtension(extension);
    if (user) this.sockets.toUser(user.id, 'call:ended', { callId, reason });
  }

  private async answer(extension: string, call: TrackedCall, waitSeconds: number): Promise<void> {
    this.pops.get(extension)?.delete(call.id);
    const user = await this.directory.byExtension(extension);
    if (!user) {
      this.logger.warn(`CTI: chamada ${call.id} atendida no ramal ${extension}, que não pertence a nenhum usuário ativo`);
      this.answeredAt.delete(call.id);
      this.endWrapUp(extension);
      return;
    }
    const callerE164 = this.callerE164Of(call);
    const attendance = await this.attendances.startForCall(
      { callId: call.id, callerNumber: call.callerNumber, callerE164, queue: call.queue, waitSeconds, talkSeconds: null, ura: call.ura },
      user.id,
    );
    this.sockets.toUser(user.id, 'call:answered', { callId: call.id, attendanceId: attendance.id, protocol: attendance.protocol });
  }

  private async end(callId: string, extension: string | undefined, talkSeconds: number | null): Promise<void> {
    this.matches.delete(callId);
    if (!extension) return;
    const user = await this.directory.byExtension(extension);
    if (!user) return;
    const stillOpen = await this.attendances.recordCallEnd(callId, user.id, talkSeconds ?? 0);
    this.sockets.toUser(user.id, 'call:ended', { callId, reason: 'hangup' });
    // Finished during the call: there is nothing left to wrap up.
    if (!stillOpen && this.endWrapUp(extension)) this.publishAgentState(extension);
  }

  /** The state as it is now, sent in order after the states before it. */
  private publishAgentState(extension: string): void {
    const state = this.agentStateOf(extension);
    // A screen-pop on its way goes out first: it is what the attendant acts on.
    const popping = this.popsInFlight.get(extension);
    this.inOrder(`agent:${extension}`, async () => {
      await popping;
      const user = await this.directory.byExtension(extension);
      if (user) this.sockets.toUser(user.id, 'agent:state', state);
    });
  }
}
