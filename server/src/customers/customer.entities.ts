import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToMany,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { CustomerType } from '@receptivo/shared';

@Entity({ name: 'customers' })
export class CustomerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  type: CustomerType;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'trade_name', type: 'text', nullable: true })
  tradeName: string | null;

  /** CPF (11 digits) or CNPJ (14, the new form with letters too), without mask. */
  @Column({ type: 'text', unique: true })
  document: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @OneToMany(() => CustomerPhoneEntity, (phone) => phone.customer, { cascade: true })
  phones: CustomerPhoneEntity[];

  @OneToMany(() => CustomerAddressEntity, (address) => address.customer, { cascade: true })
  addresses: CustomerAddressEntity[];

  @OneToOne(() => PortalAccountEntity, (account) => account.customer)
  portalAccount: PortalAccountEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity({ name: 'customer_phones' })
export class CustomerPhoneEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, (customer) => customer.phones, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer: CustomerEntity;

  @Column({ type: 'text' })
  e164: string;

  @Column({ name: 'is_primary', type: 'boolean', default: false })
  primary: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity({ name: 'customer_addresses' })
export class CustomerAddressEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, (customer) => customer.addresses, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer: CustomerEntity;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  cep: string;

  @Column({ type: 'text' })
  street: string;

  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'text', nullable: true })
  complement: string | null;

  @Column({ type: 'text' })
  neighborhood: string;

  @Column({ type: 'text' })
  city: string;

  @Column({ type: 'text' })
  state: string;
}

/** The customer's login on the self-service portal; the password exists only as a hash. */
@Entity({ name: 'portal_accounts' })
export class PortalAccountEntity {
  @PrimaryColumn({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @OneToOne(() => CustomerEntity, (customer) => customer.portalAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer: CustomerEntity;

  @Column({ type: 'text', unique: true })
  login: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  /** The portal asks for a new password on the next sign-in after a temporary one is issued. */
  @Column({ name: 'must_change_password', type: 'boolean', default: true })
  mustChangePassword: boolean;

  /** Raised by every new password: the portal sessions signed before it end. */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'password_sent_at', type: 'timestamptz' })
  passwordSentAt: Date;

  @Column({ name: 'password_sent_to', type: 'text' })
  passwordSentTo: string;
}
