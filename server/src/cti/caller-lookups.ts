import type { CustomerSummary } from '@receptivo/shared';
import type { CustomerSearchService } from '../customers/customer-search';

interface PendingLookup {
  caller: { e164: string | null; document: string | null };
  resolve(matches: CustomerSummary[]): void;
  reject(error: unknown): void;
}

/**
 * Customer matches of calls, asked when their callers join a queue. The lookups asked while one AMI
 * burst is handled (calls offered together) go to the database as one query at the end of that
 * turn of the event loop: under a burst, one query for forty callers answers sooner than forty
 * queries competing for the pool (npm run bench -- cti: pop p99 23 ms batched, 81 ms one by one).
 */
export class CallerLookups {
  private pending: PendingLookup[] = [];

  constructor(
    private readonly customers: CustomerSearchService,
    private readonly limit: number,
  ) {}

  find(e164: string | null, document: string | null): Promise<CustomerSummary[]> {
    if (!e164 && !document) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.pending.push({ caller: { e164, document }, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.customers.callerMatches(batch.map((lookup) => lookup.caller), this.limit).then(
      (matches) => batch.forEach((lookup, index) => lookup.resolve(matches[index])),
      (error: unknown) => batch.forEach((lookup) => lookup.reject(error)),
    );
  }
}
