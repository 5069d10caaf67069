import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type Address,
  type CreateCustomer,
  type Customer,
  type UpdateCustomer,
  documentProblem,
  duplicatePhoneMessage,
  invalidPhoneMessage,
  phoneE164,
  phoneOnRecordMessage,
  phoneProblem,
} from '@receptivo/shared';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiException, conflict, forbidden, notFound } from '../common/api-exception';
import { backofficeOrganId, requesterOfOrgan } from '../requests/request-access';
import { UNIQUE_VIOLATION, databaseRefusal } from '../common/database-errors';
import type { Settings } from '../config/settings';
import { CustomerAddressEntity, CustomerEntity, CustomerPhoneEntity } from './customer.entities';
import { toCustomer } from './customer-view';

const RELATIONS = { phones: true, addresses: true, portalAccount: true } as const;

function isUniqueViolation(error: unknown, constraintPart: string): boolean {
  const refusal = databaseRefusal(error);
  return refusal?.code === UNIQUE_VIOLATION && refusal.constraint.includes(constraintPart);
}

function addressRows(customerId: string, addresses: Address[]): Partial<CustomerAddressEntity>[] {
  return addresses.map((address, position) => ({ ...address, complement: address.complement ?? null, customerId, position }));
}

@Injectable()
export class CustomersService {
  private readonly defaultAreaCode: string;

  constructor(
    private readonly dataSource: DataSource,
    config: ConfigService<Settings, true>,
  ) {
    this.defaultAreaCode = config.get('CTI_DEFAULT_AREA_CODE', { infer: true });
  }

  /** E.164 of a number typed in any Brazilian form, or a field error naming `field`. */
  normalizePhoneOrFail(number: string, field: string): string {
    const e164 = phoneE164(number, this.defaultAreaCode);
    if (e164) return e164;
    // The default DDD is valid (checked at start), so the typed number says what is wrong with it.
    const message = phoneProblem(number) ?? invalidPhoneMessage;
    throw new ApiException(400, 'VALIDATION_FAILED', message, { [field]: message });
  }

  /**
   * The conflict names the customer who has the document, so the form can offer to open that record:
   * every role that may register or edit a customer may also open any customer's record.
   */
  private async duplicateDocument(document: string): Promise<ApiException> {
    const [existing] = await this.dataSource.query<{ id: string }[]>('SELECT id FROM customers WHERE document = $1', [document]);
    return conflict('Já existe um cliente com este CPF/CNPJ.', { document: 'CPF/CNPJ já cadastrado.' }, existing?.id);
  }

  async create(input: CreateCustomer): Promise<Customer> {
    const numbers = input.phones.map((phone, index) => this.normalizePhoneOrFail(phone.number, `phones.${index}.number`));
    const repeated = numbers.findIndex((number, index) => numbers.indexOf(number) !== index);
    // The schema caught numbers repeated in forms it can compare; with the default DDD applied, a
    // number typed with and without it can still be one.
    if (repeated >= 0) {
      throw new ApiException(400, 'VALIDATION_FAILED', duplicatePhoneMessage, { [`phones.${repeated}.number`]: duplicatePhoneMessage });
    }
    try {
      const id = await this.dataSource.transaction(async (manager) => {
        const customer = await manager.save(CustomerEntity, {
          type: input.type,
          name: input.name,
          tradeName: input.type === 'company' ? input.tradeName : null,
          document: input.document,
          email: input.email,
        });
        await manager.insert(
          CustomerPhoneEntity,
          numbers.map((e164, index) => ({ customerId: customer.id, e164, primary: index === 0 })),
        );
        if (input.addresses.length) await manager.insert(CustomerAddressEntity, addressRows(customer.id, input.addresses));
        return customer.id;
      });
      return this.get(id);
    } catch (error) {
      if (isUniqueViolation(error, 'document')) throw await this.duplicateDocument(input.document);
      throw error;
    }
  }

  /** The record as this user may read it: the back office only the requesters of its organ's requests. */
  async view(id: string, user: AuthenticatedUser): Promise<Customer> {
    if (user.role === 'backoffice') {
      const [row] = await this.dataSource.query<{ requester: boolean }[]>(`SELECT ${requesterOfOrgan('c.id', '$2')} AS requester FROM customers c WHERE c.id = $1`, [
        id,
        backofficeOrganId(user),
      ]);
      if (!row) throw notFound('Cliente');
      if (!row.requester) throw forbidden('Este cliente não tem solicitações do seu órgão.');
    }
    return this.get(id);
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<Customer> {
    const customer = await manager.findOne(CustomerEntity, { where: { id }, relations: RELATIONS });
    if (!customer) throw notFound('Cliente');
    return toCustomer(customer);
  }

  async update(id: string, patch: UpdateCustomer): Promise<Customer> {
    try {
      await this.withLockedCustomer(id, async (manager, customer) => {
        const documentRefusal = patch.document === undefined ? undefined : documentProblem(customer.type, patch.document);
        if (documentRefusal) throw new ApiException(400, 'VALIDATION_FAILED', documentRefusal, { document: documentRefusal });
        const { addresses, ...fields } = patch;
        if (customer.type === 'person') delete fields.tradeName;
        if (Object.keys(fields).length) await manager.update(CustomerEntity, id, fields);
        if (addresses) {
          await manager.delete(CustomerAddressEntity, { customerId: id });
          if (addresses.length) await manager.insert(CustomerAddressEntity, addressRows(id, addresses));
          // The address list changed, the customer row did not: still a change of the customer.
          await manager.update(CustomerEntity, id, { updatedAt: new Date() });
        }
      });
    } catch (error) {
      if (isUniqueViolation(error, 'document')) throw await this.duplicateDocument(patch.document!);
      throw error;
    }
    return this.get(id);
  }

  async addPhone(id: string, number: string): Promise<Customer> {
    const e164 = this.normalizePhoneOrFail(number, 'number');
    return this.withLockedCustomer(id, async (manager) => {
      const phones = await manager.findBy(CustomerPhoneEntity, { customerId: id });
      if (phones.some((phone) => phone.e164 === e164)) {
        throw conflict('Este telefone já está cadastrado para o cliente.', { number: phoneOnRecordMessage });
      }
      await manager.insert(CustomerPhoneEntity, { customerId: id, e164, primary: phones.length === 0 });
      return this.get(id, manager);
    });
  }

  /** Removing the primary promotes the oldest remaining phone; the only phone stays. */
  async removePhone(id: string, phoneId: string): Promise<Customer> {
    return this.withLockedCustomer(id, async (manager) => {
      const phones = await manager.find(CustomerPhoneEntity, { where: { customerId: id }, order: { createdAt: 'ASC' } });
      const phone = phones.find((candidate) => candidate.id === phoneId);
      if (!phone) throw notFound('Telefone');
      if (phones.length === 1) {
        throw new ApiException(
          422,
          'BUSINESS_RULE',
          'O cliente precisa de ao menos um telefone: cadastre outro antes de remover este.',
        );
      }
      await manager.delete(CustomerPhoneEntity, { id: phoneId });
      if (phone.primary) {
        const next = phones.find((candidate) => candidate.id !== phoneId)!;
        await manager.update(CustomerPhoneEntity, next.id, { primary: true });
      }
      return this.get(id, manager);
    });
  }

  async makePrimary(id: string, phoneId: string): Promise<Customer> {
    return this.withLockedCustomer(id, async (manager) => {
      const phone = await manager.findOneBy(CustomerPhoneEntity, { id: phoneId, customerId: id });
      if (!phone) throw notFound('Telefone');
      // Clear first: the partial unique index allows one primary per customer at any moment.
      await manager.update(CustomerPhoneEntity, { customerId: id, primary: true }, { primary: false });
      await manager.update(CustomerPhoneEntity, phoneId, { primary: true });
      return this.get(id, manager);
    });
  }

  /** Serializes changes to one customer's phones and addresses (two attendants, one citizen). */
  async withLockedCustomer<T>(id: string, work: (manager: EntityManager, customer: CustomerEntity) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const customer = await manager.findOne(CustomerEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!customer) throw notFound('Cliente');
      return work(manager, customer);
    });
  }
}
