import { type Customer, type CustomerPhone, type Role, documentFor, formatPhone, rolesSeeingWholeDocuments } from '@receptivo/shared';
import type { CustomerEntity, CustomerPhoneEntity } from './customer.entities';

export function toCustomerPhone(phone: Pick<CustomerPhoneEntity, 'id' | 'e164' | 'primary'>): CustomerPhone {
  return { id: phone.id, e164: phone.e164, display: formatPhone(phone.e164), primary: phone.primary };
}

/** Primary phone first, then in the order they were added; addresses in their saved order. */
export function toCustomer(entity: CustomerEntity): Customer {
  const phones = [...(entity.phones ?? [])].sort(
    (a, b) => Number(b.primary) - Number(a.primary) || a.createdAt.getTime() - b.createdAt.getTime(),
  );
  const addresses = [...(entity.addresses ?? [])].sort((a, b) => a.position - b.position);
  const account = entity.portalAccount;
  return {
    id: entity.id,
    type: entity.type,
    name: entity.name,
    tradeName: entity.tradeName,
    document: entity.document,
    email: entity.email,
    phones: phones.map(toCustomerPhone),
    addresses: addresses.map(({ id, cep, street, number, complement, neighborhood, city, state }) => ({
      id,
      cep,
      street,
      number,
      complement,
      neighborhood,
      city,
      state: state as Customer['addresses'][number]['state'],
    })),
    portalAccount: account
      ? {
          login: account.login,
          email: account.passwordSentTo,
          createdAt: account.createdAt.toISOString(),
          passwordSentAt: account.passwordSentAt.toISOString(),
        }
      : null,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

/** A customer's record as this role may read it: the back office gets the CPF/CNPJ (and the portal login, which is it) masked. */
export function customerRecordFor(role: Role, customer: Customer): Customer {
  if (rolesSeeingWholeDocuments.includes(role)) return customer;
  const account = customer.portalAccount;
  return {
    ...customer,
    document: documentFor(role, customer.document),
    portalAccount: account && { ...account, login: documentFor(role, account.login) },
  };
}

/** An attendance or request (view or PDF) with its customer's document as this role may read it. */
export function customerDocumentFor<T extends { customer: { document: string } | null }>(role: Role, holder: T): T {
  if (!holder.customer || rolesSeeingWholeDocuments.includes(role)) return holder;
  return { ...holder, customer: { ...holder.customer, document: documentFor(role, holder.customer.document) } };
}
