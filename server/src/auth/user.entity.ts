import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role, User } from '@receptivo/shared';
import { OrganEntity } from '../knowledge/knowledge.entities';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  username: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ type: 'text', nullable: true })
  extension: string | null;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  /** The organ whose requests a back-office user works; null for the other roles. */
  @Column({ name: 'organ_id', type: 'uuid', nullable: true })
  organId: string | null;

  @ManyToOne(() => OrganEntity)
  @JoinColumn({ name: 'organ_id' })
  organ?: OrganEntity | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Bumped on password reset and deactivation so tokens issued before stop working. */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Needs the `organ` relation loaded. */
export function toUser(entity: UserEntity): User {
  return {
    id: entity.id,
    username: entity.username,
    name: entity.name,
    role: entity.role,
    extension: entity.extension,
    organ: entity.organ ? { id: entity.organ.id, name: entity.organ.name } : null,
    active: entity.active,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}
