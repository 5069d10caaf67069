import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type RequestEventKind, formatProtocol, registerRequestSchema } from '@receptivo/shared';
import type { z } from 'zod';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import { formDataErrors } from '../knowledge/form-schema';
import { RequestTypeEntity } from '../knowledge/knowledge.entities';
import { addressKey } from '../requests/address-key';
import { RequestEntity, RequestEventEntity } from '../requests/request.entities';
import type { AttendanceEntity } from './attendance.entities';
import { nextProtocol } from './protocol-numbers';

const HOUR = 3_600_000;

export type ParsedRegistration = z.output<typeof registerRequestSchema>;

/** Who registers a request: a staff user at the desk, the citizen on the portal, or an Open311 app. */
export type RequestRegistrant =
  | { kind: 'staff'; userId: string }
  | { kind: 'portal' }
  /** An Open311 report's description (its words, location and media) goes into the first timeline entry, where the back office reads it. */
  | { kind: 'open311'; appName: string; description: string | null };

function registeredDescription(registrant: RequestRegistrant, attendanceProtocol: string): string {
  const attendance = formatProtocol(attendanceProtocol);
  switch (registrant.kind) {
    case 'staff':
      return `Solicitação registrada no atendimento ${attendance}.`;
    case 'portal':
      return `Solicitação registrada pelo cidadão no Autoatendimento (atendimento ${attendance}).`;
    case 'open311': {
      const received = `Solicitação recebida do aplicativo ${registrant.appName} pelo Open311 (atendimento ${attendance}).`;
      return registrant.description ? `${received}\nDescrição enviada: ${registrant.description}` : received;
    }
  }
}

/**
 * Registers a request in an attendance, with its own protocol and deadline, the same way whoever
 * registers it (desk, portal, Open311). When its type groups by address and an open request of
 * the type exists at the same place, it joins that group. The check and the insert run under a
 * lock on (type, address), so simultaneous registrations end in one group.
 */
@Injectable()
export class RequestRegistration {
  constructor(private readonly clock: Clock) {}

  /** Runs inside the caller's transaction, with the attendance locked by it; answers the request's id and protocol. */
  async register(
    manager: EntityManager,
    attendance: AttendanceEntity,
    input: ParsedRegistration,
    registrant: RequestRegistrant,
  ): Promise<{ requestId: string; protocol: string }> {
    const type = await manager.findOne(RequestTypeEntity, { where: { id: input.requestTypeId }, relations: { organ: true } });
    if (!type || !type.active || !type.organ?.active) {
      throw new ApiException(400, 'VALIDATION_FAILED', 'Tipo de solicitação não encontrado ou inativo.', {
        requestTypeId: 'Tipo de solicitação não encontrado ou inativo.',
      });
    }
    // Only the fields the form declares are kept: nothing else rides along into the request.
    const declared = Object.keys((type.formSchema.properties as Record<string, unknown> | undefined) ?? {});
    const form = Object.fromEntries(Object.entries(input.form).filter(([name]) => declared.includes(name)));
    const errors = { ...formDataErrors(type.formSchema, form) };
    if (type.addressRequired && !input.address) errors.address = 'Informe o endereço.';
    if (Object.keys(errors).length) {
      throw new ApiException(400, 'VALIDATION_FAILED', 'Corrija os campos indicados do formulário.', errors);
    }

    const now = this.clock.now();
    const key = input.address ? addressKey(input.address) : null;
    let groupFirstId: string | null = null;
    if (type.groupByAddress && key) {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`request-group:${type.id}:${key}`]);
      // FOR SHARE: a back-office change of the group waits for this member (or this one sees the change).
      const [leader] = await manager.query<{ id: string }[]>(
        `SELECT id FROM requests
          WHERE request_type_id = $1 AND address_key = $2 AND group_first_id IS NULL AND status IN ('open', 'in_progress')
          ORDER BY created_at LIMIT 1 FOR SHARE`,
        [type.id, key],
      );
      groupFirstId = leader?.id ?? null;
    }
    const staffUserId = registrant.kind === 'staff' ? registrant.userId : null;
    const saved = await manager.save(RequestEntity, {
      protocol: await nextProtocol(manager, now),
      attendanceId: attendance.id,
      requestTypeId: type.id,
      customerId: attendance.customerId,
      form,
      ...(input.address ?? {}),
      complement: input.address?.complement ?? null,
      addressKey: key,
      status: 'open',
      deadline: new Date(now.getTime() + type.slaHours * HOUR),
      groupFirstId,
      registeredBy: staffUserId,
      createdAt: now,
    });
    const events: { kind: RequestEventKind; description: string }[] = [{ kind: 'registered', description: registeredDescription(registrant, attendance.protocol) }];
    if (groupFirstId) {
      const [leader] = await manager.query<{ protocol: string }[]>('SELECT protocol FROM requests WHERE id = $1', [groupFirstId]);
      events.push({ kind: 'grouped', description: `Agrupada com a solicitação ${formatProtocol(leader.protocol)} (mesmo endereço).` });
    }
    await manager.insert(
      RequestEventEntity,
      events.map((event) => ({ ...event, requestId: saved.id, actorId: staffUserId, viaPortal: registrant.kind === 'portal', at: now })),
    );
    return { requestId: saved.id, protocol: saved.protocol };
  }
}
