import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RequestStatus } from '@receptivo/shared';

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

  @Column({ name: 'registered_by', type: 'uuid' })
  registeredBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity({ name: 'request_events' })
export class RequestEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}
