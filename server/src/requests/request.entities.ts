import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { RequestEventKind, RequestStatus } from '@receptivo/shared';

@Entity({ name: 'requests' })
export class RequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  protocol: string;

  @Column({ name: 'attendance_id', type: 'uuid' })
  attendanceId: string;

  @Column({ name: 'request_type_id', type: 'uuid' })
  requestTypeId: string;

  @Column({ name: 'customer_id', type: 'uuid', nullable: true })
  customerId: string | null;

  @Column({ type: 'jsonb' })
  form: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  cep: string | null;

  @Column({ type: 'text', nullable: true })
  street: string | null;

  @Column({ type: 'text', nullable: true })
  number: string | null;

  @Column({ type: 'text', nullable: true })
  complement: string | null;

  @Column({ type: 'text', nullable: true })
  neighborhood: string | null;

  @Column({ type: 'text', nullable: true })
  city: string | null;

  @Column({ type: 'text', nullable: true })
  state: string | null;

  /** The normalized address that groups requests (same type, same place). */
  @Column({ name: 'address_key', type: 'text', nullable: true })
  addressKey: string | null;

  @Column({ type: 'text', default: 'open' })
  status: RequestStatus;

  @Column({ type: 'timestamptz' })
  deadline: Date;

  @Column({ name: 'group_first_id', type: 'uuid', nullable: true })
  groupFirstId: string | null;

  /** Null when no staff user registered it: the citizen on the portal or an Open311 app did. */
  @Column({ name: 'registered_by', type: 'uuid', nullable: true })
  registeredBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** The back office's answer to the citizen; cleared when the request is restarted (the timeline keeps it). */
  @Column({ type: 'text', nullable: true })
  response: string | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}

@Entity({ name: 'request_events' })
export class RequestEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @Column({ type: 'text' })
  kind: RequestEventKind;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /** Done by the requester on the self-service portal (actor_id is then null). */
  @Column({ name: 'via_portal', type: 'boolean', default: false })
  viaPortal: boolean;

  @Column({ type: 'timestamptz' })
  at: Date;
}

/** A file sent with a reiteration; its bytes are in request_attachment_contents (AttachmentStore). */
@Entity({ name: 'request_attachments' })
export class RequestAttachmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  /** The sender's name made safe for a download; never used on disk. */
  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  /** Detected from the bytes, not taken from the sender. */
  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'text' })
  sha256: string;

  /** Order in which the files were sent. */
  @Column({ type: 'smallint' })
  position: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
