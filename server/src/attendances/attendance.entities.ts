import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Channel, WebOrigin } from '@receptivo/shared';

@Entity({ name: 'attendances' })
export class AttendanceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  protocol: string;

  @Column({ type: 'text' })
  channel: Channel;

  @Column({ type: 'text', default: 'open' })
  status: 'open' | 'finished';

  /** Null for a `web` attendance: opened by the citizen on the portal or by an Open311 app (webOrigin). */
  @Column({ name: 'attendant_id', type: 'uuid', nullable: true })
  attendantId: string | null;

  /** Who may change it while open: the attendant who started it, or the supervisor who took it over. */
  @Column({ name: 'holder_id', type: 'uuid', nullable: true })
  holderId: string | null;

  @Column({ name: 'web_origin', type: 'text', nullable: true })
  webOrigin: WebOrigin | null;

  @Column({ name: 'customer_id', type: 'uuid', nullable: true })
  customerId: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'script_sent_to', type: 'text', nullable: true })
  scriptSentTo: string | null;

  @Column({ name: 'call_id', type: 'text', nullable: true })
  callId: string | null;

  @Column({ name: 'caller_number', type: 'text', nullable: true })
  callerNumber: string | null;

  @Column({ name: 'caller_e164', type: 'text', nullable: true })
  callerE164: string | null;

  @Column({ name: 'call_queue', type: 'text', nullable: true })
  callQueue: string | null;

  @Column({ name: 'wait_seconds', type: 'integer', nullable: true })
  waitSeconds: number | null;

  @Column({ name: 'talk_seconds', type: 'integer', nullable: true })
  talkSeconds: number | null;

  @Column({ type: 'jsonb', nullable: true })
  ura: Record<string, string> | null;
}

@Entity({ name: 'attendance_informations' })
export class AttendanceInformationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'attendance_id', type: 'uuid' })
  attendanceId: string;

  @Column({ name: 'information_id', type: 'uuid' })
  informationId: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;
}
