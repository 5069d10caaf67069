import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';

/** What a key was first used for: a repetition must be the same call with the same body. */
export interface IdempotentOperation {
  method: string;
  path: string;
  requestHash: string;
}

export interface StoredResponse {
  status: number;
  body: unknown;
}

export type Claim = { kind: 'claimed' } | { kind: 'replay'; response: StoredResponse };

/** Keys are kept a week: far longer than any desk stays without the server. */
export const KEY_LIFETIME_MS = 7 * 24 * 3_600_000;
const CLEANUP_EVERY_MS = 3_600_000;

/** The same JSON whatever the order of its object keys, so a body sent again hashes alike. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body ?? null)).digest('hex');
}

const reused = (message: string) => new ApiException(422, 'IDEMPOTENCY_KEY_REUSED', message);

/**
 * The idempotency_keys table. A key is claimed by inserting its row (the primary key serializes
 * concurrent duplicates), completed with the response, or released when the operation failed on
 * the server's side so that sending it again runs it again.
 */
@Injectable()
export class IdempotencyStore {
  /** How long a repetition waits for the first send of its key to finish; tests shorten it. */
  pendingWaitMs = 10_000;
  private readonly pollMs = 50;
  private nextCleanupAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Claims the key for this operation, or answers the stored response of its first send. Refuses a
   * key used for another operation or body (422), and one whose first send never finished (409):
   * the server stopped while running it, and only the attendant can tell whether it took effect.
   */
  async claim(userId: string, key: string, operation: IdempotentOperation): Promise<Claim> {
    const deadline = Date.now() + this.pendingWaitMs;
    for (;;) {
      const now = this.clock.now();
      const inserted = await this.dataSource.query<unknown[]>(
        `INSERT INTO idempotency_keys (user_id, key, method, path, request_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id, key) DO NOTHING RETURNING 1`,
        [userId, key, operation.method, operation.path, operation.requestHash, now],
      );
      if (inserted.length > 0) {
        await this.removeExpiredHourly(now);
        return { kind: 'claimed' };
      }
      const [row] = await this.dataSource.query<
        { method: string; path: string; request_hash: string; response_status: number | null; response_body: unknown }[]
      >('SELECT method, path, request_hash, response_status, response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2', [
        userId,
        key,
      ]);
      // Released meanwhile (the first send failed on the server): this one runs it.
      if (!row) continue;
      if (row.method !== operation.method || row.path !== operation.path) {
        throw reused('Esta chave de idempotência já foi usada em outra operação.');
      }
      if (row.request_hash !== operation.requestHash) {
        throw reused('Esta chave de idempotência já foi usada com outros dados. Envie a operação com uma nova chave.');
      }
      if (row.response_status !== null) return { kind: 'replay', response: { status: row.response_status, body: row.response_body } };
      if (Date.now() >= deadline) {
        throw new ApiException(
          409,
          'IDEMPOTENCY_UNCERTAIN',
          'O primeiro envio desta operação não terminou e não se sabe se ela foi registrada. Confira o atendimento antes de repeti-la.',
        );
      }
      await sleep(this.pollMs);
    }
  }

  async complete(userId: string, key: string, response: StoredResponse): Promise<void> {
    await this.dataSource.query(
      'UPDATE idempotency_keys SET response_status = $3, response_body = $4::jsonb, completed_at = $5 WHERE user_id = $1 AND key = $2',
      [userId, key, response.status, JSON.stringify(response.body ?? null), this.clock.now()],
    );
  }

  async release(userId: string, key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2', [userId, key]);
  }

  /** Forgets keys past their lifetime; answers how many. */
  async removeExpired(now: Date): Promise<number> {
    const [, count] = await this.dataSource.query<[unknown[], number]>('DELETE FROM idempotency_keys WHERE created_at < $1', [
      new Date(now.getTime() - KEY_LIFETIME_MS),
    ]);
    return count;
  }

  /** Cleanup rides on new keys, at most once an hour: no job to schedule, and idle servers have nothing to clean. */
  private async removeExpiredHourly(now: Date): Promise<void> {
    if (now.getTime() < this.nextCleanupAt) return;
    this.nextCleanupAt = now.getTime() + CLEANUP_EVERY_MS;
    await this.removeExpired(now);
  }
}
