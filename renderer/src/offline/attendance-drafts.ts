import { formatProtocol, type Attendance, type SessionUser } from '@receptivo/shared';
import type { ApiClient } from '../api/client';
import { finishAttendance, linkCustomer, registerInformation, registerRequest, startAttendance } from '../attendances/attendances-api';
import type { DraftConfirmation, DraftEntry, DraftSender, DraftState } from './draft-queue';
import { isLocalAttendance } from './ids';

/** The API call of each operation, with the entry's key as Idempotency-Key. */
export function attendanceSender(api: ApiClient): DraftSender {
  return (entry, attendanceId) => {
    const { operation, key } = entry;
    if (operation.kind === 'start') return startAttendance(api, operation.body, key);
    if (attendanceId === null) throw new Error(`${operation.kind} needs the attendance's server id`);
    switch (operation.kind) {
      case 'link-customer':
        return linkCustomer(api, attendanceId, operation.body, key);
      case 'register-information':
        return registerInformation(api, attendanceId, operation.body, key);
      case 'register-request':
        return registerRequest(api, attendanceId, operation.body, key);
      case 'finish':
        return finishAttendance(api, attendanceId, operation.body, key);
    }
  };
}

export const protocolPending = 'Protocolo será gerado ao reconectar';
/** A start on its way to the server on a slow link: it is not offline, the number is coming. */
export const protocolComing = 'Gerando protocolo…';

/**
 * The protocol to read to the caller; for an attendance whose start has not reached the server yet,
 * the promise of one: at reconnection when the start is kept for later (`startQueued`), or in a
 * moment while it is being sent.
 */
export function protocolOf(attendance: Attendance, startQueued = true): string {
  if (!isLocalAttendance(attendance.id)) return formatProtocol(attendance.protocol);
  return startQueued ? protocolPending : protocolComing;
}

/**
 * When the attendance's timer starts: the server's start, or the moment the attendant started it on
 * this desk when that is earlier (the server only records the request's arrival, seconds later on a
 * slow link or after a reconnection), so the timer never jumps back when the server's answer arrives.
 */
export function timerStartOf(attendance: Attendance, started: DraftState['started']): number {
  const server = Date.parse(attendance.startedAt);
  const here = Object.values(started).find((ref) => ref.id === attendance.id)?.startedAt;
  return here ? Math.min(server, Date.parse(here)) : server;
}

/** The attendances started offline and not finished, newest last, as the desk shows them. */
export function openLocalAttendances(entries: readonly DraftEntry[], attendant: SessionUser): Attendance[] {
  const finished = new Set(entries.filter((entry) => entry.operation.kind === 'finish').map((entry) => entry.attendanceId));
  return entries.flatMap((entry): Attendance[] => {
    const { operation, attendanceId } = entry;
    if (operation.kind !== 'start' || !isLocalAttendance(attendanceId) || finished.has(attendanceId)) return [];
    return [
      {
        id: attendanceId,
        protocol: '',
        channel: operation.body.channel,
        status: 'open',
        startedAt: entry.createdAt,
        finishedAt: null,
        attendant: { id: attendant.id, name: attendant.name },
        holder: { id: attendant.id, name: attendant.name },
        webOrigin: null,
        customer: null,
        informations: [],
        requests: [],
        scriptSentTo: null,
        call: null,
        history: [],
      },
    ];
  });
}

/** What of an attendance still waits for the server, to mark it in the summary. */
export interface AttendancePending {
  /** Started offline and kept for later (not while it is being sent). */
  start: boolean;
  customer: boolean;
  /** Information id → the server's refusal, or null while it waits. */
  informations: ReadonlyMap<string, string | null>;
  requests: { key: string; typeName: string; refusal: string | null }[];
  finish: boolean;
}

export function pendingOf(attendanceId: string, entries: readonly DraftEntry[]): AttendancePending {
  const own = entries.filter((entry) => entry.attendanceId === attendanceId);
  const informations = new Map<string, string | null>();
  const requests: AttendancePending['requests'] = [];
  for (const { key, operation, refusal } of own) {
    if (operation.kind === 'register-information') informations.set(operation.body.informationId, refusal);
    if (operation.kind === 'register-request') requests.push({ key, typeName: operation.typeName, refusal });
  }
  return {
    start: own.some((entry) => entry.operation.kind === 'start'),
    customer: own.some((entry) => entry.operation.kind === 'link-customer'),
    informations,
    requests,
    finish: own.some((entry) => entry.operation.kind === 'finish'),
  };
}

/** The attendance as the attendant left it: the server's, with the customer and informations still waiting applied. */
export function withDrafts(attendance: Attendance, entries: readonly DraftEntry[]): Attendance {
  let result = attendance;
  for (const entry of entries) {
    if (entry.attendanceId !== attendance.id) continue;
    const { operation } = entry;
    if (operation.kind === 'link-customer') result = { ...result, customer: operation.customer };
    if (operation.kind === 'register-information' && !result.informations.some((item) => item.informationId === operation.body.informationId)) {
      const registered = { id: entry.key, informationId: operation.body.informationId, title: operation.title, registeredAt: entry.createdAt };
      result = { ...result, informations: [...result.informations, registered] };
    }
  }
  return result;
}

/** One line per entry, as the attendant reads it in the list of what waits. */
export function describeEntry(entry: DraftEntry): string {
  const { operation } = entry;
  switch (operation.kind) {
    case 'start':
      return 'Iniciar atendimento';
    case 'link-customer':
      return `Vincular o cliente ${operation.customer.name}`;
    case 'register-information':
      return `Registrar a informação “${operation.title}”`;
    case 'register-request':
      return `Registrar a solicitação ${operation.typeName}`;
    case 'finish':
      return 'Finalizar o atendimento';
  }
}

export function describeConfirmation({ kind, protocol, label }: DraftConfirmation): string {
  const number = formatProtocol(protocol);
  switch (kind) {
    case 'start':
      return `Atendimento ${number} iniciado.`;
    case 'link-customer':
      return `Cliente ${label} vinculado ao atendimento ${number}.`;
    case 'register-information':
      return `Informação “${label}” registrada no atendimento ${number}.`;
    case 'register-request':
      return `Solicitação ${number} registrada: ${label}.`;
    case 'finish':
      return `Atendimento ${number} finalizado.`;
  }
}
