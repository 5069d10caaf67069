import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { quitWithin, warnOncePerError } from '../cluster/redis-connection';
import { RetryLaterException } from '../common/api-exception';
import type { Settings } from '../config/settings';
import type { KnownDevice } from './device-tokens';
import { LOGIN_POLICY, accountWaitSeconds } from './login-policy';

/** Who tries to sign in: the (normalized) username, the client's address and the device token it holds, if valid. */
export interface LoginAttempt {
  username: string;
  address: string;
  device?: KnownDevice;
}

/** How an attempt was let through: a known device is counted on its own, not on the account or the address. */
export type Admission = 'known-device' | 'unknown-device';

function waitText(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 segundo' : `${seconds} segundos`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minuto' : `${minutes} minutos`;
}

/**
 * Counts failed logins (never successes) per account, per address and per known device
 * (LOGIN_POLICY), with rate-limiter-flexible: in memory on a single node, in Redis when
 * REDIS_URL is set so every node sees the same counts (falling back to memory while Redis is away).
 */
@Injectable()
export class LoginAttempts implements OnApplicationShutdown {
  private readonly logger = new Logger('LoginAttempts');
  private readonly redis?: Redis;
  /** Consecutive failures per account. */
  private readonly accountFailures: RateLimiterAbstract;
  /** The wait those failures impose, as a block of the account key. */
  private readonly accountWaits: RateLimiterAbstract;
  private readonly addressFailures: RateLimiterAbstract;
  private readonly deviceFailures: RateLimiterAbstract;

  constructor(config: ConfigService<Settings, true>) {
    const redisUrl = config.get('REDIS_URL', { infer: true });
    // No offline queue: while Redis is away the counts go to memory at once instead of waiting.
    if (redisUrl) this.redis = warnOncePerError(new Redis(redisUrl, { enableOfflineQueue: false }), (message) => this.logger.warn(`Redis: ${message}`));
    this.accountFailures = this.limiter('account-failures', 1_000_000, LOGIN_POLICY.accountFailureMemorySeconds);
    this.accountWaits = this.limiter('account-waits', 1, LOGIN_POLICY.maxAccountWaitSeconds);
    this.addressFailures = this.limiter('address-failures', LOGIN_POLICY.addressFailures, LOGIN_POLICY.addressWindowSeconds);
    this.deviceFailures = this.limiter('device-failures', LOGIN_POLICY.deviceFailures, LOGIN_POLICY.deviceWindowSeconds);
  }

  private limiter(name: string, points: number, duration: number): RateLimiterAbstract {
    const memory = new RateLimiterMemory({ keyPrefix: `login-${name}`, points, duration });
    if (!this.redis) return memory;
    return new RateLimiterRedis({
      storeClient: this.redis,
      keyPrefix: `receptivo:login:${name}`,
      points,
      duration,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    });
  }

  /**
   * Lets the attempt through, or refuses it with 429 and the seconds to wait (Retry-After);
   * `refusal` names what was tried too often, for callers other than a sign-in.
   */
  async admit(attempt: LoginAttempt, refusal = 'Muitas tentativas de entrada'): Promise<Admission> {
    if (attempt.device && (await this.trusts(attempt.device))) return 'known-device';
    const [address, account] = await Promise.all([this.addressFailures.get(attempt.address), this.accountWaits.get(attempt.username)]);
    const addressWaitMs = address && address.consumedPoints >= LOGIN_POLICY.addressFailures ? address.msBeforeNext : 0;
    const accountWaitMs = account && account.consumedPoints > 0 ? account.msBeforeNext : 0;
    const waitMs = Math.max(addressWaitMs, accountWaitMs);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new RetryLaterException(seconds, `${refusal}. Aguarde ${waitText(seconds)} e tente novamente.`);
    }
    return 'unknown-device';
  }

  async failed(attempt: LoginAttempt, admission: Admission): Promise<void> {
    if (admission === 'known-device') {
      await this.deviceFailures.penalty(attempt.device!.deviceId);
      return;
    }
    const [account] = await Promise.all([this.accountFailures.penalty(attempt.username), this.addressFailures.penalty(attempt.address)]);
    const wait = accountWaitSeconds(account.consumedPoints);
    if (wait > 0) await this.accountWaits.block(attempt.username, wait);
  }

  /** The owner is in: the account's failures are forgotten (the address's are not: a sprayer may know one password). */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await Promise.all([this.forgetAccount(attempt.username), attempt.device && this.deviceFailures.delete(attempt.device.deviceId)]);
  }

  /** After a password reset or change the account starts with no failures. */
  async forgetAccount(username: string): Promise<void> {
    await Promise.all([this.accountFailures.delete(username), this.accountWaits.delete(username)]);
  }

  private async trusts(device: KnownDevice): Promise<boolean> {
    const failures = await this.deviceFailures.get(device.deviceId);
    return !failures || failures.consumedPoints < LOGIN_POLICY.deviceFailures;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis?.status === 'ready') await quitWithin(this.redis, 1_000);
    else this.redis?.disconnect();
  }
}
