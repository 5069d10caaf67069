import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type CallAnswered,
  type Attendance,
  type AttendanceEvent,
  type Channel,
  type CurrentAttendance,
  type FinishAttendance,
  type Request,
  emailSchema,
} from '@receptivo/shared';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiException, conflict, forbidden, notFound } from '../common/api-exception';
import { Clock } from '../common/clock';
import { CustomerEntity } from '../customers/customer.entities';
import { toCustomerPhone } from '../customers/customer-view';
import { PreparedStatements } from '../database/prepared-statements';
import { InformationEntity } from '../knowledge/knowledge.entities';
import { MailQueue } from '../mail/mail-queue';
import { backofficeOrganId, requesterOfOrgan } from '../requests/request-access';
import { RequestViews } from '../requests/request-views';
import { AttendanceEntity } from './attendance.entities';
import { attendanceSummaryMail } from './attendance-mail';
import { uraRouteFor } from '../cti/ura-routes';
import { AttendanceEvents } from './attendance-events';
import { nextProtocol } from './protocol-numbers';
import { type ParsedRegistration, RequestRegistration } from './request-registration';

@Injectable()
export class AttendancesService {
  /**
   * The start and the end of a call's attendance, planned once per connection: planning them was
   * 0.3 and 0.16 ms of the database's CPU per call, amid the other calls of a burst.
   */
  private readonly callStatements: PreparedStatements;

  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: RequestViews,
    private readonly mail: MailQueue,
    private readonly events: AttendanceEvents,
    private readonly clock: Clock,
    private readonly registration: RequestRegistration,
  ) {
    this.callStatements = new PreparedStatements(dataSource, 'attendance_call', 1);
  }

  /**
   * The call is over: its talk time is kept; the attendance stays open until the attendant finishes
   * it. Says whether the attendance is still open in the attendant's hands (one a supervisor took
   * over no longer holds them), or null when the call's end was already recorded (or the call has
   * no attendance of this attendant): an end is recorded once.
   */
  async recordCallEnd(callId: string, attendantId: string, talkSeconds: number): Promise<{ open: boolean } | null> {
    const rows = await this.callStatements.query<{ held_open: boolean }>(
      `UPDATE attendances SET talk_seconds = $3 WHERE call_id = $1 AND attendant_id = $2 AND talk_seconds IS NULL
       RETURNING status = 'open' AND holder_id = attendant_id AS held_open`,
      [callId, attendantId, talkSeconds],
    );
    return rows.length === 0 ? null : { open: rows.some((row) => row.held_open) };
  }

  /** Answered calls whose end was never recorded: after a restart the CTI closes those the PBX no longer has. */
  async callsWithoutEnd(): Promise<{ callId: string; attendantId: string; startedAt: Date }[]> {
    const rows = await this.dataSource.query<{ call_id: string; attendant_id: string; started_at: Date }[]>(
      'SELECT call_id, attendant_id, started_at FROM attendances WHERE call_id IS NOT NULL AND talk_seconds IS NULL',
    );
    return rows.map((row) => ({ callId: row.call_id, attendantId: row.attendant_id, startedAt: row.started_at }));
  }

  /** The attendant still holds an attendance open for a call that has ended: they are in wrap-up. */
  async inWrapUp(attendantId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      "SELECT 1 FROM attendances WHERE holder_id = $1 AND attendant_id = $1 AND status = 'open' AND call_id IS NOT NULL AND talk_seconds IS NOT NULL LIMIT 1",
      [attendantId],
    );
    return rows.length > 0;
  }

  /** The attendant's attendances started for a call, still open and in their hands, as call:answered tells them. */
  async openForCalls(attendantId: string): Promise<CallAnswered[]> {
    const rows = await this.dataSource.query<{ call_id: string; id: string; protocol: string }[]>(
      "SELECT call_id, id, protocol FROM attendances WHERE attendant_id = $1 AND holder_id = $1 AND status = 'open' AND call_id IS NOT NULL ORDER BY started_at",
      [attendantId],
    );
    return rows.map((row) => ({ callId: row.call_id, attendanceId: row.id, protocol: row.protocol }));
  }

  /** The attendants who took each of these calls (none: nobody answered it). */
  async attendantsOf(callIds: string[]): Promise<Map<string, string[]>> {
    const rows = await this.dataSource.query<{ call_id: string; attendant_id: string }[]>(
      'SELECT call_id, attendant_id FROM attendances WHERE call_id = ANY($1)',
      [callIds],
    );
    const byCall = new Map<string, string[]>();
    for (const row of rows) byCall.set(row.call_id, [...(byCall.get(row.call_id) ?? []), row.attendant_id]);
    return byCall;
  }

  async start(channel: Channel, attendant: AuthenticatedUser): Promise<Attendance> {
    const id = await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const saved = await manager.save(AttendanceEntity, {
        protocol: await nextProtocol(manager, now),
        channel,
        status: 'open',
        attendantId: attendant.id,
        holderId: attendant.id,
        customerId: null,
        startedAt: now,
        finishedAt: null,
        scriptSentTo: null,
      });
      return saved.id;
    });
    return this.get(id);
  }

  /** The open attendance the user holds, so a reload or a restart of the server loses nothing. */
  async current(attendant: AuthenticatedUser): Promise<CurrentAttendance> {
    const open = await this.dataSource.manager.findOne(AttendanceEntity, {
      where: { holderId: attendant.id, status: 'open' },
      order: { startedAt: 'DESC' },
    });
    return { attendance: open ? await this.get(open.id) : null };
  }

  /**
   * The attendance as this user may read it (detail and PDF). The back office sees only attendances
   * holding a request of its organ, and in them only its organ's requests, and the customer only
   * when they are a requester of its organ.
   */
  async view(id: string, user: AuthenticatedUser): Promise<Attendance> {
    if (user.role !== 'backoffice') return this.get(id);
    const organId = backofficeOrganId(user);
    const [row] = await this.dataSource.query<{ mine: boolean; requester: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM requests r JOIN request_types t ON t.id = r.request_type_id
                       WHERE r.attendance_id = a.id AND t.organ_id = $2) AS mine,
              ${requesterOfOrgan('a.customer_id', '$2')} AS requester
         FROM attendances a WHERE a.id = $1`,
      [id, organId],
    );
    if (!row) throw notFound('Atendimento');
    if (!row.mine) throw forbidden('Este atendimento não tem solicitações do seu órgão.');
    // The call's caller number and what the caller typed in the URA (a CPF, say) are the caller's
    // personal data, which the back office does not need to handle its organ's requests (LGPD).
    const attendance = { ...(await this.get(id, this.dataSource.manager, organId)), call: null };
    return row.requester ? attendance : { ...attendance, customer: null };
  }

  /** The attendance; with `organId`, only that organ's requests in it. */
  async get(id: string, manager: EntityManager = this.dataSource.manager, organId?: string): Promise<Attendance> {
    const attendance = await manager.findOneBy(AttendanceEntity, { id });
    if (!attendance) throw notFound('Atendimento');
    const people = await manager.query<{ id: string; name: string }[]>('SELECT id, name FROM users WHERE id = ANY($1)', [
      [attendance.attendantId, attendance.holderId].filter((userId) => userId !== null),
    ]);
    const person = (userId: string | null) => (userId === null ? null : people.find((row) => row.id === userId)!);
    const informations = await manager.query<{ id: string; information_id: string; title: string; registered_at: Date }[]>(
      `SELECT ai.id, ai.information_id, i.title, ai.registered_at
         FROM attendance_informations ai JOIN informations i ON i.id = ai.information_id
        WHERE ai.attendance_id = $1 ORDER BY ai.registered_at`,
      [id],
    );
    return {
      id: attendance.id,
      protocol: attendance.protocol,
      channel: attendance.channel,
      status: attendance.status,
      startedAt: attendance.startedAt.toISOString(),
      finishedAt: attendance.finishedAt?.toISOString() ?? null,
      attendant: person(attendance.attendantId),
      holder: person(attendance.holderId),
      webOrigin: attendance.webOrigin,
      customer: attendance.customerId ? await this.customerSummary(manager, attendance.customerId) : null,
      informations: informations.map((row) => ({
        id: row.id,
        informationId: row.information_id,
        title: row.title,
        registeredAt: row.registered_at.toISOString(),
      })),
      requests: await this.requests.summariesOf(id, manager, organId),
      scriptSentTo: attendance.scriptSentTo,
      call:
        attendance.callId === null
          ? null
          : {
              callId: attendance.callId,
              callerNumber: attendance.callerNumber,
              callerE164: attendance.callerE164,
              queue: attendance.callQueue,
              waitSeconds: attendance.waitSeconds ?? 0,
              talkSeconds: attendance.talkSeconds,
              ura: attendance.ura ?? {},
              uraRoute: await uraRouteFor(manager, attendance.ura?.option ?? null, attendance.callQueue),
            },
      history: await this.history(id, manager),
    };
  }

  private async history(id: string, manager: EntityManager): Promise<AttendanceEvent[]> {
    const rows = await manager.query<{ kind: AttendanceEvent['kind']; at: Date; actor_id: string; actor_name: string; previous_id: string | null; previous_name: string | null }[]>(
      `SELECT e.kind, e.at, e.actor_id, actor.name AS actor_name, e.previous_holder_id AS previous_id, previous.name AS previous_name
         FROM attendance_events e JOIN users actor ON actor.id = e.actor_id LEFT JOIN users previous ON previous.id = e.previous_holder_id
        WHERE e.attendance_id = $1 ORDER BY e.seq`,
      [id],
    );
    return rows.map((row) => ({
      kind: row.kind,
      at: row.at.toISOString(),
      actor: { id: row.actor_id, name: row.actor_name },
      previousHolder: row.previous_id ? { id: row.previous_id, name: row.previous_name! } : null,
    }));
  }

  /**
   * A supervisor takes an open attendance over: from now on only they change it. Recorded in its
   * history; the attendant it was taken from is free (CTI ends their wrap-up on it and tells their
   * desks). Taking over an attendance one already holds changes nothing.
   */
  async takeOver(id: string, supervisor: AuthenticatedUser): Promise<Attendance> {
    const previousHolderId = await this.dataSource.transaction(async (manager) => {
      const attendance = await this.lockOpen(manager, id);
      if (attendance.holderId === supervisor.id) return null;
      await manager.update(AttendanceEntity, id, { holderId: supervisor.id });
      await manager.query('INSERT INTO attendance_events (attendance_id, kind, actor_id, previous_holder_id, at) VALUES ($1, $2, $3, $4, $5)', [
        id,
        'taken_over',
        supervisor.id,
        attendance.holderId,
        this.clock.now(),
      ]);
      return attendance.holderId;
    });
    const attendance = await this.get(id);
    if (previousHolderId) {
      this.events.takenOver({
        previousHolderId,
        attendanceId: id,
        protocol: attendance.protocol,
        by: { id: supervisor.id, name: supervisor.name },
      });
    }
    return attendance;
  }

  linkCustomer(id: string, customerId: string, actor: AuthenticatedUser): Promise<Attendance> {
    return this.changeAttendance(id, actor, async (manager) => {
      if (!(await manager.existsBy(CustomerEntity, { id: customerId }))) {
        throw new ApiException(400, 'VALIDATION_FAILED', 'Cliente não encontrado.', { customerId: 'Cliente não encontrado.' });
      }
      await manager.update(AttendanceEntity, id, { customerId });
    });
  }

  registerInformation(id: string, informationId: string, actor: AuthenticatedUser): Promise<Attendance> {
    return this.changeAttendance(id, actor, async (manager) => {
      if (!(await manager.existsBy(InformationEntity, { id: informationId }))) {
        throw new ApiException(400, 'VALIDATION_FAILED', 'Informação não encontrada.', { informationId: 'Informação não encontrada.' });
      }
      const inserted = await manager.query(
        `INSERT INTO attendance_informations (attendance_id, information_id) VALUES ($1, $2)
         ON CONFLICT (attendance_id, information_id) DO NOTHING RETURNING id`,
        [id, informationId],
      );
      if (inserted.length === 0) throw conflict('Esta informação já foi registrada neste atendimento.');
    });
  }

  /**
   * Registers a request with its own protocol and deadline. When its type groups by address and
   * an open request of the type exists at the same place, it joins that group. The check and the
   * insert run under a lock on (type, address), so simultaneous registrations end in one group.
   */
  async registerRequest(id: string, input: ParsedRegistration, actor: AuthenticatedUser): Promise<Request> {
    const { requestId } = await this.change(id, actor, (manager, attendance) =>
      this.registration.register(manager, attendance, input, { kind: 'staff', userId: actor.id }),
    );
    return this.requests.get(requestId);
  }

  /** Closes the attendance; with sendScript, the summary and proposed solutions go to the customer. */
  async finish(id: string, { sendScript }: Required<FinishAttendance>, actor: AuthenticatedUser): Promise<Attendance> {
    const finished = await this.changeAttendance(id, actor, async (manager, attendance) => {
      let sentTo: string | null = null;
      if (sendScript) {
        const customer = attendance.customerId ? await manager.findOneBy(CustomerEntity, { id: attendance.customerId }) : null;
        const email = emailSchema.safeParse(customer?.email ?? '');
        if (!customer || !email.success) {
          throw new ApiException(
            422,
            'BUSINESS_RULE',
            'O cliente não tem e-mail válido cadastrado: vincule um cliente com e-mail ou finalize sem enviar o script.',
          );
        }
        sentTo = email.data;
        const informations = await manager.query<{ title: string; proposed_solution: string; solution_text: string }[]>(
          `SELECT i.title, i.proposed_solution, i.solution_text
             FROM attendance_informations ai JOIN informations i ON i.id = ai.information_id
            WHERE ai.attendance_id = $1 ORDER BY ai.registered_at`,
          [id],
        );
        const requests = await this.requests.summariesOf(id, manager);
        await this.mail.enqueue(attendanceSummaryMail({ attendance, customer, to: sentTo, informations, requests }), manager);
      }
      await manager.update(AttendanceEntity, id, { status: 'finished', finishedAt: this.clock.now(), scriptSentTo: sentTo });
    });
    // Only an attended attendance can be finished: a web one is born finished.
    this.events.released(finished.attendant!.id);
    return finished;
  }

  /**
   * Every change runs on a locked attendance, made by the user who holds it (issue 15: an attendant
   * cannot change another's attendance), while it is open: a finished one refuses them all.
   */
  private change<T>(id: string, actor: AuthenticatedUser, work: (manager: EntityManager, attendance: AttendanceEntity) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const attendance = await this.lockOpen(manager, id, actor);
      return work(manager, attendance);
    });
  }

  /** The attendance, locked for the change; refused when it is finished or (given an actor) held by someone else. */
  private async lockOpen(manager: EntityManager, id: string, actor?: AuthenticatedUser): Promise<AttendanceEntity> {
    const attendance = await manager.findOne(AttendanceEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!attendance) throw notFound('Atendimento');
    if (actor && attendance.holderId !== actor.id) {
      throw forbidden('Este atendimento está com outro usuário: só quem o conduz pode alterá-lo. Um supervisor pode assumi-lo.');
    }
    if (attendance.status === 'finished') throw conflict('Este atendimento já foi finalizado e não pode ser alterado.');
    return attendance;
  }

  /** A change whose answer is the attendance as it now stands. */
  private changeAttendance(
    id: string,
    actor: AuthenticatedUser,
    work: (manager: EntityManager, attendance: AttendanceEntity) => Promise<void>,
  ): Promise<Attendance> {
    return this.change(id, actor, async (manager, attendance) => {
      await work(manager, attendance);
      return this.get(id, manager);
    });
  }

  private async customerSummary(manager: EntityManager, customerId: string): Promise<Attendance['customer']> {
    const customer = await manager.findOne(CustomerEntity, { where: { id: customerId }, relations: { phones: true } });
    if (!customer) return null;
    const primary = customer.phones.find((phone) => phone.primary);
    return {
      id: customer.id,
      type: customer.type,
      name: customer.name,
      tradeName: customer.tradeName,
      document: customer.document,
      email: customer.email,
      primaryPhone: primary ? toCustomerPhone(primary) : null,
    };
  }
}
