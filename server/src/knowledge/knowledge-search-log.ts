import { performance } from 'node:perf_hooks';
import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import type { KnowledgeSearchKind, KnowledgeSearchSource } from '@receptivo/shared';
import { Clock } from '../common/clock';
import { describeErrorForLog } from '../common/log-redaction';
import { gapTermOf } from './gap-terms';

/** How long a search is kept: two quarters of terms to compare, then it goes (docs/domain.md). */
const SEARCH_RETENTION_DAYS = 180;
const CLEANUP_EVERY_MS = 60 * 60 * 1000;
/**
 * Searches are written together, one INSERT this long after the first of them (or at once when
 * this many wait): a search costs the database nothing while it is answered, and a burst of them
 * one statement (npm run bench -- knowledge: a write per search raised Busca geral's p99 from about
 * 20 ms to 40–70 ms on a busy 2-core machine).
 */
const WRITE_AFTER_MS = 200;
const MOST_PER_WRITE = 500;
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

interface WaitingSearch {
  term: string;
  kind: KnowledgeSearchKind;
  source: KnowledgeSearchSource;
  resultCount: number;
  userId: string | null;
  /** performance.now() when it was answered: its age is taken from the database's clock when written. */
  answeredAt: number;
}

/**
 * Records the knowledge searches the gaps are counted from (knowledge-gaps.ts), after they are
 * answered: kept in memory a moment and written in batches, never awaited by a search; a failed
 * write is only logged. What gapTermOf refuses (lookups, personal data, too short) is never kept.
 */
@Injectable()
export class KnowledgeSearchLog implements BeforeApplicationShutdown {
  private readonly logger = new Logger('KnowledgeSearchLog');
  private waiting: WaitingSearch[] = [];
  private writeTimer: NodeJS.Timeout | undefined;
  /** Writes and portal admissions under way, awaited by flushed(). */
  private readonly underWay = new Set<Promise<void>>();
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
    if (term) this.keep({ term, kind: search.kind, source: 'desk', resultCount: search.resultCount, userId, answeredAt: performance.now() });
  }

  /** A search of the portal's Informações (Busca geral over the published informations). */
  portalSearch(search: AnsweredSearch, address: string): void {
    const term = gapTermOf(search.text);
    if (!term) return;
    const answeredAt = performance.now();
    this.inBackground(
      this.portalAddresses.consume(address).then(
        () => this.keep({ term, kind: search.kind, source: 'portal', resultCount: search.resultCount, userId: null, answeredAt }),
        (refusal: unknown) => {
          if (!(refusal instanceof RateLimiterRes)) throw refusal;
        },
      ),
    );
  }

  /** Once every search answered so far is written (or its write failed): at shutdown, and in tests. */
  async flushed(): Promise<void> {
    while (this.waiting.length > 0 || this.underWay.size > 0) {
      this.writeWaiting();
      await Promise.allSettled([...this.underWay]);
    }
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.flushed();
  }

  private keep(search: WaitingSearch): void {
    this.waiting.push(search);
    if (this.waiting.length >= MOST_PER_WRITE) this.writeWaiting();
    else this.writeTimer ??= setTimeout(() => this.writeWaiting(), WRITE_AFTER_MS).unref();
  }

  private writeWaiting(): void {
    clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length > 0) this.inBackground(this.write(batch));
  }

  private inBackground(work: Promise<void>): void {
    const tracked: Promise<void> = work
      .catch((error: unknown) => this.logger.warn(`knowledge searches were not recorded: ${describeErrorForLog(error)}`))
      .finally(() => this.underWay.delete(tracked));
    this.underWay.add(tracked);
  }

  /**
   * searched_at is the database's now() less each search's age, so it compares exactly with the
   * times the database gives informations registered after it. The attendance is the latest open
   * one the user holds when the batch is written (AttendancesService.current), a fraction of a
   * second after the search.
   */
  private async write(batch: WaitingSearch[]): Promise<void> {
    const now = performance.now();
    await this.dataSource.query(
      `INSERT INTO knowledge_searches (term, kind, source, result_count, user_id, attendance_id, searched_at)
       SELECT s.term, s.kind, s.source, s.result_count, s.user_id,
              (SELECT a.id FROM attendances a WHERE a.holder_id = s.user_id AND a.status = 'open' ORDER BY a.started_at DESC LIMIT 1),
              now() - s.age_ms * interval '1 millisecond'
         FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::uuid[], $6::float8[])
           AS s (term, kind, source, result_count, user_id, age_ms)`,
      [
        batch.map((search) => search.term),
        batch.map((search) => search.kind),
        batch.map((search) => search.source),
        batch.map((search) => search.resultCount),
        batch.map((search) => search.userId),
        batch.map((search) => now - search.answeredAt),
      ],
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
