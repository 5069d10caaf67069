import type { Customer } from '@receptivo/shared';

/** Every change answers with the whole customer, which replaces the editor's copy. */
export interface CustomerTabProps {
  customer: Customer;
  onSaved: (customer: Customer, message: string) => void;
}
