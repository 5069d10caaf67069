import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import type { KnowledgeSearchKind, KnowledgeSearchSource } from '@receptivo/shared';
import { Clock } from '../common/clock';
import { describeErrorForLog } from '../common/log-redaction';
import { gapTermOf } from './gap-terms';

/** How long a search is kept: two quarters of terms to compare, then it goes (docs/domain.md). */
export const SEARCH_RETENTION_DAYS = 180;
const CLEANUP_EVERY_MS = 60 * 60 * 1000;
/**
 * Portal searches are anonymous: an address has this many recorded per hour, a search a minute,
 * more than a citizen makes (several behind one carrier address share it), too few for a script to
 * fill the table. Past it the search is answered all the same, only not recorded.
 */
const PORTAL_SEARCHES_PER_ADDRESS_HOUR = 60;

export interface AnsweredSearch {
  /** As typed: the words of Busca geral or Palavra-chave. */
  text: string;
  kind: KnowledgeSearchKind;
  resultCount: number;
}

/**
 * Records the knowledge searches the gaps are counted from (knowledge-gaps.ts), after they are
 * answered: the write is not awaited by the search, and a failed one is only logged. What
 * gapTermOf refuses (lookups, personal data, too short) is never written.
 */
@Injectable()
export class KnowledgeSearchLog implements BeforeApplicationShutdown {
  private readonly logger = new Logger('KnowledgeSearchLog');
  /** Writes under way, awaited before the database pool closes. */
  private readonly writing = new Set<Promise<void>>();
  private readonly portalAddresses = new RateLimiterMemory({
    keyPrefix: 'knowledge-search-portal',
    points: PORTAL_SEARCHES_PER_ADDRESS_HOUR,
    duration: 60 * 60,
  });
  private nextCleanupAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** A search of the desk, counted in the attendance its user holds open, if any. */
  deskSearch(search: AnsweredSearch, userId: string): void {
    const term = gapTermOf(search.text);
    if (term) this.inBackground(this.write(term, search, 'desk', userId));
  }

  /** A search of the portal's Informações (Busca geral over the published informations). */
  portalSearch(search: AnsweredSearch, address: string): void {
    const term = gapTermOf(search.text);
    if (!term) return;
    this.inBackground(
      this.portalAddresses.consume(address).then(
        () => this.write(term, search, 'portal', null),
        (refusal: unknown) => {
          if (!(refusal instanceof RateLimiterRes)) throw refusal;
        },
      ),
    );
  }

  /** Once every search recorded so far is written (or failed): before the database pool closes. */
  async flushed(): Promise<void> {
    await Promise.allSettled([...this.writing]);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.flushed();
  }

  private inBackground(work: Promise<void>): void {
    const tracked: Promise<void> = work
      .catch((error: unknown) => this.logger.warn(`a knowledge search was not recorded: ${describeErrorForLog(error)}`))
      .finally(() => this.writing.delete(tracked));
    this.writing.add(tracked);
  }

  private async write(term: string, search: AnsweredSearch, source: KnowledgeSearchSource, userId: string | null): Promise<void> {
    // The attendance the desk shows as current (AttendancesService.current): the latest open one the user holds.
    await this.dataSource.query(
      `INSERT INTO knowledge_searches (term, kind, source, result_count, user_id, attendance_id)
       SELECT $1, $2, $3, $4, $5::uuid,
              (SELECT a.id FROM attendances a WHERE a.holder_id = $5::uuid AND a.status = 'open' ORDER BY a.started_at DESC LIMIT 1)`,
      [term, search.kind, source, search.resultCount, userId],
    );
    await this.removeExpiredHourly();
  }

  /**
   * Retention rides on new searches, at most once an hour (as the idempotency keys'): no job to
   * schedule, and a server nobody searches has nothing new to forget. Each round deletes about an
   * hour of searches, found through the index on searched_at. Times are the database's, as
   * searched_at is.
   */
  private async removeExpiredHourly(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now < this.nextCleanupAt) return;
    this.nextCleanupAt = now + CLEANUP_EVERY_MS;
    await this.dataSource.query(`DELETE FROM knowledge_searches WHERE searched_at < now() - make_interval(days => $1)`, [SEARCH_RETENTION_DAYS]);
  }
}
