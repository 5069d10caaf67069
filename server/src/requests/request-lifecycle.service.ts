import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type CancelRequest,
  type ChangeRequestStatus,
  type ComplaintRequest,
  type ReiterateRequest,
  type Request,
  type RequestAction,
  type RequestEventKind,
  type RestartRequest,
  attachmentLimits,
  emailSchema,
  formatProtocol,
  requestActionRule,
  requestStatusChangeRule,
  requestStatusLabels,
} from '@receptivo/shared';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiException, businessRule } from '../common/api-exception';
import { Clock } from '../common/clock';
import { MailQueue } from '../mail/mail-queue';
import { type AttachmentContentType, detectContentType, safeFileName } from './attachment-files';
import { AttachmentStore } from './attachment-store';
import { ATTACHMENT_FIELD } from './attachment-upload';
import { type RequestActor, ensureActorAccess, ensureOrganAccess, eventAuthor } from './request-access';
import { requestStatusMail } from './request-mail';
import { REQUEST_SELECT, type RequestRow, RequestViews, ruleFacts } from './request-views';
import { RequestAttachmentEntity, RequestEventEntity } from './request.entities';

const HOUR = 3_600_000;

/** A file as multer hands it over (memory storage). */
export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

interface PreparedFile {
  id: string;
  fileName: string;
  contentType: AttachmentContentType;
  bytes: Buffer;
  sha256: string;
}

/** The sender's name, only to say which file was refused. */
const shownName = (name: string) => name.split(/[/\\]/).pop()!.replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, 120) || 'sem nome';

/** Checks each file's bytes against the allowlist; a refusal names the file and writes nothing. */
export function prepareFiles(files: UploadedFile[]): PreparedFile[] {
  return files.map((file, index) => {
    const refuse = (message: string) => new ApiException(400, 'VALIDATION_FAILED', message, { [`${ATTACHMENT_FIELD}.${index}`]: message });
    if (file.size === 0) throw refuse(`O arquivo "${shownName(file.originalname)}" está vazio.`);
    const detection = detectContentType(file.buffer);
    if (!detection.ok) {
      throw refuse(
        detection.reason === 'executable'
          ? `O arquivo "${shownName(file.originalname)}" é um programa executável e não é aceito.`
          : `O arquivo "${shownName(file.originalname)}" não é de um tipo aceito (${attachmentLimits.extensionsLabel}).`,
      );
    }
    return {
      id: randomUUID(),
      fileName: safeFileName(file.originalname, detection.contentType),
      contentType: detection.contentType,
      bytes: file.buffer,
      sha256: createHash('sha256').update(file.buffer).digest('hex'),
    };
  });
}

const validEmail = (email: string | null) => {
  const parsed = emailSchema.safeParse(email ?? '');
  return parsed.success ? parsed.data : null;
};

/**
 * What happens to a request after registration (docs/domain.md): the citizen's actions through the
 * desk (reiterate, complain, restart, cancel), the back office's status changes with the
 * response, and the e-mail to the requester. Every action locks the request row, asks the rules
 * with the clock's time, and writes a timeline entry; a refusal writes nothing.
 */
@Injectable()
export class RequestLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly views: RequestViews,
    private readonly store: AttachmentStore,
    private readonly mail: MailQueue,
    private readonly clock: Clock,
  ) {}

  async reiterate(id: string, body: ReiterateRequest, files: UploadedFile[], actor: RequestActor): Promise<Request> {
    const prepared = prepareFiles(files);
    return this.act(id, 'reiterate', actor, async (manager, _row, now) => {
      const eventId = await this.addEvent(manager, id, 'reiterated', body.description, actor, now);
      if (prepared.length === 0) return;
      await manager.insert(
        RequestAttachmentEntity,
        prepared.map((file, position) => ({
          id: file.id,
          requestId: id,
          eventId,
          fileName: file.fileName,
          contentType: file.contentType,
          size: file.bytes.length,
          sha256: file.sha256,
          position,
          createdAt: now,
        })),
      );
      // In the rows' transaction: a refusal or a failure rolls the bytes back with them.
      for (const file of prepared) await this.store.write(manager, file.id, file.bytes);
    });
  }

  complain(id: string, body: ComplaintRequest, actor: RequestActor): Promise<Request> {
    return this.act(id, 'complaint', actor, async (manager, _row, now) => {
      await this.addEvent(manager, id, 'complaint', body.description, actor, now);
    });
  }

  /**
   * Back to open with a new deadline (now + the type's SLA). The response leaves the request (the
   * timeline keeps it). A member of a group restarts on its own, outside the group: the group's
   * first (finished with it) no longer speaks for it.
   */
  restart(id: string, body: RestartRequest, actor: RequestActor): Promise<Request> {
    return this.act(id, 'restart', actor, async (manager, row, now) => {
      await manager.query(
        `UPDATE requests SET status = 'open', deadline = $2, finished_at = NULL, response = NULL, group_first_id = NULL, updated_at = $3
          WHERE id = $1`,
        [id, new Date(now.getTime() + row.sla_hours * HOUR), now],
      );
      await this.addEvent(manager, id, 'restarted', body.reason, actor, now);
      if (row.group_first_id) {
        await this.addEvent(manager, id, 'grouped', `Reiniciada fora do grupo da solicitação ${formatProtocol(row.group_first_protocol!)}.`, actor, now);
      }
    });
  }

  /** A group's first that is cancelled hands the group over to its oldest active member. */
  cancel(id: string, body: CancelRequest, actor: RequestActor): Promise<Request> {
    return this.act(id, 'cancel', actor, async (manager, row, now) => {
      await manager.query("UPDATE requests SET status = 'cancelled', updated_at = $2 WHERE id = $1", [id, now]);
      await this.addEvent(manager, id, 'cancelled', body.reason || 'Cancelamento realizado a pedido do cidadão.', actor, now);
      if (!row.group_first_id) await this.handOverGroup(manager, row, actor, now);
    });
  }

  /** [Reenviar Email]: the request as it stands, to its requester. */
  resendEmail(id: string, actor: AuthenticatedUser): Promise<Request> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lock(manager, id);
      ensureOrganAccess(actor, row.organ_id);
      const to = validEmail(row.customer_email);
      if (!to) {
        throw businessRule(
          row.customer_id
            ? 'O cliente desta solicitação não tem e-mail válido cadastrado: atualize o cadastro para reenviar.'
            : 'Esta solicitação não tem cliente identificado, e portanto nenhum e-mail para reenviar.',
        );
      }
      const now = this.clock.now();
      await this.mail.enqueue(requestStatusMail(this.mailInput(row, to)), manager);
      await this.addEvent(manager, id, 'email_resent', `E-mail com a situação da solicitação reenviado para ${to}.`, actor, now);
      return this.views.get(id, manager);
    });
  }

  /**
   * Back office: a new status (and the response) for the group's first and, in the same
   * transaction, for every member that can follow; each gets its timeline entries and its
   * requester an e-mail. A member is never changed directly.
   */
  changeStatus(id: string, body: ChangeRequestStatus, actor: AuthenticatedUser): Promise<Request> {
    return this.dataSource.transaction(async (manager) => {
      const first = await this.lock(manager, id);
      ensureOrganAccess(actor, first.organ_id);
      if (first.group_first_id) {
        throw businessRule(
          `Esta solicitação segue a ${formatProtocol(first.group_first_protocol!)}, a primeira do grupo (mesmo endereço): mude a situação dela e o grupo todo acompanha.`,
        );
      }
      const verdict = requestStatusChangeRule(first.status, body.status);
      if (!verdict.allowed) throw businessRule(verdict.message);
      const now = this.clock.now();
      // The first is locked already, then the members by id: every group change locks in this order.
      const members = await manager.query<RequestRow[]>(`${REQUEST_SELECT} WHERE r.group_first_id = $1 ORDER BY r.id FOR UPDATE OF r`, [id]);
      const following = members.filter((member) => requestStatusChangeRule(member.status, body.status).allowed);
      for (const target of [first, ...following]) {
        await this.applyStatus(manager, target, body, actor, now, target === first ? null : first);
      }
      return this.views.get(id, manager);
    });
  }

  private async applyStatus(
    manager: EntityManager,
    target: RequestRow,
    body: ChangeRequestStatus,
    actor: AuthenticatedUser,
    now: Date,
    first: RequestRow | null,
  ): Promise<void> {
    const response = body.response || null;
    await manager.query(
      `UPDATE requests SET status = $2, finished_at = CASE WHEN $2 = 'finished' THEN $3::timestamptz END,
              response = coalesce($4, response), updated_at = $3
        WHERE id = $1`,
      [target.id, body.status, now, response],
    );
    const following = first ? ` Acompanha a solicitação ${formatProtocol(first.protocol)}, primeira do grupo.` : '';
    await this.addEvent(
      manager,
      target.id,
      'status_changed',
      `Situação alterada de ${requestStatusLabels[target.status]} para ${requestStatusLabels[body.status]}.${following}`,
      actor,
      now,
    );
    if (response) await this.addEvent(manager, target.id, 'responded', response, actor, now);
    const to = validEmail(target.customer_email);
    if (to) {
      await this.mail.enqueue(
        requestStatusMail({ ...this.mailInput(target, to), status: body.status, response: response ?? target.response }),
        manager,
      );
    }
  }

  private async handOverGroup(manager: EntityManager, first: RequestRow, actor: RequestActor, now: Date): Promise<void> {
    const members = await manager.query<{ id: string; protocol: string; created_at: Date }[]>(
      `SELECT id, protocol, created_at FROM requests
        WHERE group_first_id = $1 AND status IN ('open', 'in_progress') ORDER BY id FOR UPDATE`,
      [first.id],
    );
    if (members.length === 0) return;
    members.sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.id.localeCompare(b.id));
    const [next, ...rest] = members;
    await manager.query('UPDATE requests SET group_first_id = NULL WHERE id = $1', [next.id]);
    if (rest.length) await manager.query('UPDATE requests SET group_first_id = $1 WHERE id = ANY($2)', [next.id, rest.map((member) => member.id)]);
    const description = `A solicitação ${formatProtocol(first.protocol)}, primeira do grupo, foi cancelada; a ${formatProtocol(next.protocol)} passa a ser a primeira.`;
    await manager.insert(
      RequestEventEntity,
      members.map((member) => ({ requestId: member.id, kind: 'grouped' as const, description, ...eventAuthor(actor), at: now })),
    );
  }

  /** Locks the request, asks the rule with the clock's time, then does the work; returns the request as it now stands. */
  private act(
    id: string,
    action: RequestAction,
    actor: RequestActor,
    work: (manager: EntityManager, row: RequestRow, now: Date) => Promise<void>,
  ): Promise<Request> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lock(manager, id);
      ensureActorAccess(actor, row);
      const now = this.clock.now();
      const verdict = requestActionRule(action, ruleFacts(row), now);
      if (!verdict.allowed) throw businessRule(verdict.message);
      await work(manager, row, now);
      return this.views.get(id, manager);
    });
  }

  private async lock(manager: EntityManager, id: string): Promise<RequestRow> {
    await manager.query('SELECT 1 FROM requests WHERE id = $1 FOR UPDATE', [id]);
    return this.views.row(id, manager);
  }

  private async addEvent(
    manager: EntityManager,
    requestId: string,
    kind: RequestEventKind,
    description: string,
    actor: RequestActor,
    at: Date,
  ): Promise<string> {
    const result = await manager.insert(RequestEventEntity, { requestId, kind, description, ...eventAuthor(actor), at });
    return String(result.identifiers[0].id);
  }

  private mailInput(row: RequestRow, to: string) {
    return {
      to,
      customerName: row.customer_name ?? 'cidadão',
      protocol: row.protocol,
      typeName: row.type_name,
      organName: row.organ_name,
      status: row.status,
      deadline: row.deadline,
      response: row.response,
    };
  }
}
