import { type Customer, type CustomerPhone, formatPhone } from '@receptivo/shared';
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
