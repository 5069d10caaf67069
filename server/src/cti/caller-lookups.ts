import type { CustomerSummary } from '@receptivo/shared';
import type { CustomerSearchService } from '../customers/customer-search';

/**
 * Customer matches for a call, one query per call: looked up when the caller joins the queue, so
 * the pop that follows waits for its own lookup at most, never for a batch of a burst's others.
 */
export class CallerLookups {
  constructor(
    private readonly customers: CustomerSearchService,
    private readonly limit: number,
  ) {}

  async find(e164: string | null, document: string | null): Promise<CustomerSummary[]> {
    if (!e164 && !document) return [];
    const [matches] = await this.customers.callerMatches([{ e164, document }], this.limit);
    return matches;
  }
}
