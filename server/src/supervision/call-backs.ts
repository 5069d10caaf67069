import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import type { AbandonedCall, CallbackResult } from '@receptivo/shared';
import { CallStarts } from '../attendances/call-starts';
import { ApiException, businessRule, conflict } from '../common/api-exception';
import { Clock } from '../common/clock';
import type { Settings } from '../config/settings';
import { AgentDirectory } from '../cti/agent-directory';
import { type AmiEvent, text } from '../cti/call-tracker';
import { CtiSockets } from '../cti/cti-sockets';
import { CtiStatus } from '../cti/cti-status';
import { CtiService } from '../cti/cti.service';
import { LeaderLink } from '../cti/leader-link';
import { AbandonedCalls } from './abandoned-calls';

/** The UserEvent the callback context sends with the call's outcome (docs/asterisk.md). */
export const CALLBACK_USER_EVENT = 'ReceptivoCallback';
/** The channel variable Originate sets (inherited by the citizen's leg): the try's id. */
const CALLBACK_VARIABLE = 'RECEPTIVO_CALLBACK';
/** How long the attendant's phone rings before the try is given up. */
const ATTENDANT_RING_MS = 30_000;

/** Dial's DIALSTATUS, as the callback context reports it. */
const DIAL_RESULTS: Record<string, CallbackResult> = { ANSWER: 'answered', NOANSWER: 'no_answer', BUSY: 'busy' };

/** The AMI events call-backs read besides the tracker's: an Originate's outcome (and, by its own name, CALLBACK_USER_EVENT). */
export const CALL_BACK_EVENTS = ['OriginateResponse'];

/**
 * [Ligar de volta]: the PBX rings the chosen attendant first (AMI Originate on their member
 * interface), then dials the citizen through CTI_CALLBACK_CONTEXT. When the citizen answers (the
 * context's UserEvent), an attendance starts on that attendant's desk, linked to the callback and to
 * the customer the number matched. Each try is recorded with its outcome. Runs where the PBX link is.
 */
@Injectable()
export class CallBacks implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CallBacks.name);
  /** Originate's ActionID → the try: its OriginateResponse says whether the attendant answered. */
  private readonly originated = new Map<string, string>();
  private subscription: Subscription | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cti: CtiService,
    private readonly status: CtiStatus,
    private readonly directory: AgentDirectory,
    private readonly callStarts: CallStarts,
    private readonly sockets: CtiSockets,
    private readonly abandoned: AbandonedCalls,
    private readonly leader: LeaderLink,
    private readonly clock: Clock,
    private readonly config: ConfigService<Settings, true>,
  ) {}

  onModuleInit(): void {
    this.cti.readAlso(CALL_BACK_EVENTS, [CALLBACK_USER_EVENT]);
    this.leader.handle('callback', (request) => this.start(request.abandonedId, request.extension, request.userId));
    this.subscription = this.cti.events$.subscribe(({ event }) => {
      const outcome = this.outcomeOf(event);
      if (outcome) this.settle(outcome.attemptId, outcome.result).catch((error: unknown) => this.logger.error(`retorno ${outcome.attemptId}: ${String(error)}`));
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** Asked on any node; carried out by the one with the PBX link. */
  async callBack(abandonedId: string, extension: string, userId: string): Promise<AbandonedCall> {
    await this.leader.ask('callback', { abandonedId, extension, userId });
    return this.abandoned.get(abandonedId);
  }

  private async start(abandonedId: string, extension: string, userId: string): Promise<true> {
    const context = this.config.get('CTI_CALLBACK_CONTEXT', { infer: true });
    if (!context) throw businessRule('Os retornos não estão configurados neste servidor (CTI_CALLBACK_CONTEXT).');
    const call = await this.abandoned.get(abandonedId);
    if (call.status === 'done') throw conflict('Esta chamada abandonada já foi resolvida.');
    if (!call.callerNumber) throw businessRule('O número de quem ligou não é conhecido: não há para onde retornar.');
    const attendant = await this.directory.requireByExtension(extension);
    if (this.status.state !== 'connected') throw new ApiException(503, 'CTI_UNAVAILABLE', 'A central telefônica está fora do ar. Tente novamente em instantes.');
    const memberInterface = this.cti.tracked.agents.get(extension)?.interface;
    if (!memberInterface) throw businessRule(`O ramal ${extension} não está em nenhuma fila de atendimento.`);

    const [{ id: attemptId }] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO callback_attempts (abandoned_call_id, user_id, attendant_id, extension, attempted_at, result)
       VALUES ($1, $2, $3, $4, $5, 'calling') RETURNING id`,
      [abandonedId, userId, attendant.id, extension, this.clock.now()],
    );
    const callerId = this.config.get('CTI_CALLBACK_CALLERID', { infer: true });
    try {
      const answer = await this.cti.action({
        action: 'Originate',
        channel: memberInterface,
        context,
        // The number as the PBX presented it is the number the PBX dials.
        exten: call.callerNumber,
        priority: '1',
        ...(callerId ? { callerid: callerId } : {}),
        timeout: String(ATTENDANT_RING_MS),
        async: 'true',
        variable: `__${CALLBACK_VARIABLE}=${attemptId}`,
      });
      const actionId = text(answer.actionid);
      if (actionId) this.originated.set(actionId, attemptId);
    } catch (error) {
      await this.record(attemptId, 'refused');
      throw new ApiException(422, 'CTI_REFUSED', `A central recusou o retorno: ${error instanceof Error ? error.message : String(error)}`);
    }
    return true;
  }

  /** The try an AMI event tells the outcome of: the attendant's leg failed, or the callback context reported the citizen's. */
  private outcomeOf(event: AmiEvent): { attemptId: string; result: CallbackResult } | null {
    if (event.event === 'OriginateResponse') {
      const actionId = text(event.actionid);
      const attemptId = actionId ? this.originated.get(actionId) : undefined;
      if (!actionId || !attemptId) return null;
      this.originated.delete(actionId);
      return text(event.response) === 'Failure' ? { attemptId, result: 'attendant_no_answer' } : null;
    }
    if (event.event !== 'UserEvent' || text(event.userevent) !== CALLBACK_USER_EVENT) return null;
    const attemptId = text(event.id);
    if (!attemptId || !/^[0-9a-f-]{36}$/i.test(attemptId)) return null;
    return { attemptId, result: DIAL_RESULTS[text(event.result)?.toUpperCase() ?? ''] ?? 'failed' };
  }

  private async settle(attemptId: string, result: CallbackResult): Promise<void> {
    if (result !== 'answered') {
      await this.record(attemptId, result);
      return;
    }
    const [attempt] = await this.dataSource.query<{ attendant_id: string; abandoned_call_id: string; user_id: string; result: CallbackResult }[]>(
      'SELECT attendant_id, abandoned_call_id, user_id, result FROM callback_attempts WHERE id = $1',
      [attemptId],
    );
    // An outcome told twice (a reconnect) starts one attendance.
    if (!attempt || attempt.result === 'answered') return;
    const call = await this.abandoned.get(attempt.abandoned_call_id);
    const answered = await this.callStarts.start(
      {
        callId: `retorno-${attemptId}`,
        callerNumber: call.callerNumber,
        callerE164: this.abandoned.e164Of(call.callerNumber),
        queue: null,
        waitSeconds: 0,
        talkSeconds: null,
        ura: {},
      },
      attempt.attendant_id,
    );
    await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE attendances SET customer_id = coalesce(customer_id, $2) WHERE id = $1', [answered.attendanceId, call.customer?.id ?? null]);
      await manager.query("UPDATE callback_attempts SET result = 'answered', attendance_id = $2 WHERE id = $1", [attemptId, answered.attendanceId]);
      await manager.query(
        "UPDATE abandoned_calls SET status = 'done', done_reason = 'called_back', done_at = $2, done_by = $3 WHERE id = $1 AND status = 'pending'",
        [attempt.abandoned_call_id, this.clock.now(), attempt.user_id],
      );
    });
    this.sockets.toUser(attempt.attendant_id, 'call:answered', answered);
  }

  private async record(attemptId: string, result: CallbackResult): Promise<void> {
    await this.dataSource.query("UPDATE callback_attempts SET result = $2 WHERE id = $1 AND result = 'calling'", [attemptId, result]);
  }
}
