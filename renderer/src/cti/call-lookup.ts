import { documentKindOf, formatPhone, type AttendanceCall, type CustomerSearch } from '@receptivo/shared';

export interface CallLookup {
  by: 'document' | 'phone';
  query: Partial<CustomerSearch>;
}

/**
 * The customer searches to run for a call, in order: the URA's document identifies one customer, so
 * it goes first when it is a valid CPF/CNPJ; the caller's number comes next (or alone).
 */
export function callLookups(call: AttendanceCall): CallLookup[] {
  const lookups: CallLookup[] = [];
  const document = call.ura.document?.trim();
  if (document && documentKindOf(document)) lookups.push({ by: 'document', query: { document } });
  const phone = call.callerE164 ? formatPhone(call.callerE164) : call.callerNumber?.trim();
  if (phone) lookups.push({ by: 'phone', query: { phone } });
  return lookups;
}
