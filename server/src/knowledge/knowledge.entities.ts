import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { FormSchema, NoticeKind } from '@receptivo/shared';

/**
 * Every knowledge row carries `version`, taken from one sequence on insert and update by a
 * trigger: the desktop cache asks for everything above the version it last saw.
 */
abstract class Versioned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'bigint', insert: false, update: false, transformer: { from: Number, to: (value: unknown) => value } })
  version: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity({ name: 'organs' })
export class OrganEntity extends Versioned {
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  acronym: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;
}

@Entity({ name: 'categories' })
export class CategoryEntity extends Versioned {
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'integer', default: 0 })
  position: number;
}

@Entity({ name: 'informations' })
export class InformationEntity extends Versioned {
  @Column({ name: 'category_id', type: 'uuid' })
  categoryId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'proposed_solution', type: 'text' })
  proposedSolution: string;

  /** Plain text of body and solution: what full-text search indexes and highlights. */
  @Column({ name: 'body_text', type: 'text' })
  bodyText: string;

  @Column({ name: 'solution_text', type: 'text' })
  solutionText: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords: string[];

  /** Shown to citizens on the portal's Informações (the desk sees every active information). */
  @Column({ type: 'boolean', default: false })
  published: boolean;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @OneToMany(() => InformationRequestTypeEntity, (link) => link.information)
  requestTypeLinks?: InformationRequestTypeEntity[];
}

/** A request type an information leads to: the attendant registers it from the information. */
@Entity({ name: 'information_request_types' })
export class InformationRequestTypeEntity {
  @PrimaryColumn({ name: 'information_id', type: 'uuid' })
  informationId: string;

  @PrimaryColumn({ name: 'request_type_id', type: 'uuid' })
  requestTypeId: string;

  @Column({ type: 'integer' })
  position: number;

  @ManyToOne(() => InformationEntity, (information) => information.requestTypeLinks, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'information_id' })
  information?: InformationEntity;
}

@Entity({ name: 'request_types' })
export class RequestTypeEntity extends Versioned {
  @Column({ name: 'category_id', type: 'uuid' })
  categoryId: string;

  @Column({ name: 'organ_id', type: 'uuid' })
  organId: string;

  @ManyToOne(() => OrganEntity)
  @JoinColumn({ name: 'organ_id' })
  organ?: OrganEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'form_schema', type: 'jsonb' })
  formSchema: FormSchema;

  @Column({ name: 'operator_guidance', type: 'text' })
  operatorGuidance: string;

  @Column({ name: 'sla_hours', type: 'integer' })
  slaHours: number;

  @Column({ name: 'restart_window_hours', type: 'integer', nullable: true })
  restartWindowHours: 24 | 48 | 72 | null;

  @Column({ name: 'group_by_address', type: 'boolean', default: false })
  groupByAddress: boolean;

  @Column({ name: 'address_required', type: 'boolean', default: false })
  addressRequired: boolean;

  @Column({ type: 'integer', default: 0 })
  position: number;
}

@Entity({ name: 'script_topics' })
export class ScriptTopicEntity extends Versioned {
  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'integer', default: 0 })
  position: number;
}

@Entity({ name: 'notices' })
export class NoticeEntity extends Versioned {
  @Column({ type: 'text' })
  kind: NoticeKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom: Date;

  @Column({ name: 'valid_until', type: 'timestamptz', nullable: true })
  validUntil: Date | null;
}

export const knowledgeEntityClasses = [OrganEntity, CategoryEntity, InformationEntity, InformationRequestTypeEntity, RequestTypeEntity, ScriptTopicEntity, NoticeEntity];
