import type { Customer, CustomerPhone, CustomerSummary } from '@receptivo/shared';

/** A customer as the API answers it; tests override what they look at. */
export function customer(overrides: Partial<Customer> & Pick<Customer, 'id' | 'name' | 'document'>): Customer {
  return {
    type: 'person',
    tradeName: null,
    email: null,
    phones: [],
    addresses: [],
    portalAccount: null,
    createdAt: '2025-03-14T13:05:00.000Z',
    updatedAt: '2025-03-14T13:05:00.000Z',
    ...overrides,
  };
}

export function phone(id: string, e164: string, display: string, primary = false): CustomerPhone {
  return { id, e164, display, primary };
}

/** The search result row of a customer. */
export function summaryOf(full: Customer): CustomerSummary {
  const { id, type, name, tradeName, document, email } = full;
  return { id, type, name, tradeName, document, email, primaryPhone: full.phones.find((item) => item.primary) ?? null };
}
