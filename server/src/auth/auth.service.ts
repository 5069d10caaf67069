import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import type { Subscription } from 'rxjs';
import type { Repository } from 'typeorm';
import type { ChangePassword, LoginRequest, LoginResponse } from '@receptivo/shared';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import type { AuthenticatedUser, TokenClaims } from './authenticated-user';
import { LoginAttempts } from './login-attempts';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { UserChanges } from './user-changes';
import { type UserCheck, UserCheckCache } from './user-check-cache';
import { UserEntity } from './user.entity';

/** A desk shift plus overtime; after it the attendant signs in again. */
export const SESSION_HOURS = 12;

/**
 * Staff tokens whose signature this node checked, until they expire: jsonwebtoken takes 60–260 µs to
 * check one here, the largest part of an authenticated request once the user check is in memory
 * (issue 17). Keyed by the whole token, so any other text is checked in full; the secret does not
 * change while the process runs. Room for every desk of a large center, a few hundred bytes each.
 */
const VERIFIED_TOKENS = 20_000;

const invalidCredentials = () => new ApiException(401, 'INVALID_CREDENTIALS', 'Usuário ou senha inválidos.');
const sessionEnded = () => new ApiException(401, 'TOKEN_INVALID', 'Sua sessão foi encerrada. Entre novamente.');

@Injectable()
export class AuthService implements OnModuleDestroy {
  private readonly checks = new UserCheckCache();
  private readonly verified = new LRUCache<string, TokenClaims>({ max: VERIFIED_TOKENS });
  private readonly forgetting: Subscription;

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly jwt: JwtService,
    private readonly changes: UserChanges,
    private readonly clock: Clock,
    private readonly loginAttempts: LoginAttempts,
  ) {
    this.forgetting = changes.stale$.subscribe((userId) => this.checks.forget(userId));
  }

  onModuleDestroy(): void {
    this.forgetting.unsubscribe();
  }

  async login({ username, password }: LoginRequest): Promise<LoginResponse> {
    const user = await this.users.findOne({ where: { username }, relations: { organ: true } });
    const matches = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!user || !matches) throw invalidCredentials();
    if (!user.active) throw new ApiException(403, 'USER_DISABLED', 'Usuário desativado. Procure o administrador.');
    const claims: TokenClaims = { sub: user.id, role: user.role, ver: user.tokenVersion };
    const token = await this.jwt.signAsync(claims, { expiresIn: `${SESSION_HOURS}h` });
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    return {
      token,
      expiresAt: new Date(exp * 1000).toISOString(),
      user: {
        id: user.id,
        name: user.name,
        role: user.role,
        extension: user.extension,
        organ: user.organ ? { id: user.organ.id, name: user.organ.name } : null,
      },
    };
  }

  /** Checks the token and that its user is still active and has not had the password reset since. */
  async authenticate(token: string): Promise<AuthenticatedUser> {
    const user = await this.userHolding(this.verified.get(token) ?? (await this.verify(token)));
    if (!user) throw sessionEnded();
    return user;
  }

  private async verify(token: string): Promise<TokenClaims> {
    let claims: TokenClaims & { exp: number };
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & { exp: number }>(token);
    } catch (error) {
      if (error instanceof TokenExpiredError) {
        throw new ApiException(401, 'TOKEN_EXPIRED', 'Sua sessão expirou. Entre novamente.');
      }
      throw new ApiException(401, 'TOKEN_INVALID', 'Sessão inválida. Entre novamente.');
    }
    // A token for an audience (a citizen's, on the portal) is no staff session.
    if ((claims as { aud?: unknown }).aud !== undefined) throw new ApiException(401, 'TOKEN_INVALID', 'Sessão inválida. Entre novamente.');
    // Kept until its expiry, when the next request is checked in full (and told TOKEN_EXPIRED).
    const validFor = claims.exp * 1000 - Date.now();
    if (validFor > 0) this.verified.set(token, claims, { ttl: validFor });
    return claims;
  }

  /** When a token that authenticate() accepted expires, in ms since the epoch: connections that outlive a request end then. */
  expiryOf(token: string): number {
    return this.jwt.decode<{ exp: number }>(token).exp * 1000;
  }

  /** The token's user if it is active and its tokens of this version still hold; from memory after the first request. */
  private async userHolding({ sub, ver }: TokenClaims): Promise<AuthenticatedUser | null> {
    const now = this.clock.now().getTime();
    const known = this.checks.get(sub, now);
    // A token newer than the copy (signed in after a change this node has not heard of yet) reads the database.
    if (known && ver <= known.tokenVersion) return holds(known, ver);
    const generation = this.checks.generation;
    const [row] = await this.users.query<(AuthenticatedUser & { active: boolean; tokenVersion: number })[]>(
      `SELECT u.id, u.username, u.name, u.role, u.extension, u.active, u.token_version AS "tokenVersion",
              CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'name', o.name) END AS organ
         FROM users u LEFT JOIN organs o ON o.id = u.organ_id
        WHERE u.id = $1`,
      [sub],
    );
    if (!row) return null;
    const { active, tokenVersion, ...user } = row;
    const check = { active, tokenVersion, user };
    // While other nodes' changes may not reach this node, a copy could outlive a deactivation there.
    if (this.changes.hearsEveryNode) this.checks.keep(sub, check, generation, now);
    return holds(check, ver);
  }

  async changePassword(userId: string, { currentPassword, newPassword }: ChangePassword): Promise<void> {
    const user = await this.users.findOneByOrFail({ id: userId });
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new ApiException(400, 'VALIDATION_FAILED', 'A senha atual não confere.', { currentPassword: 'A senha atual não confere.' });
    }
    // Other sessions of this user end; the caller signs in again with the new password.
    await this.users.update(user.id, { passwordHash: await hashPassword(newPassword), tokenVersion: user.tokenVersion + 1 });
    await this.changes.changed(user.id);
    await this.loginAttempts.forgetAccount(user.username);
  }
}

const holds = (check: UserCheck, tokenVersion: number): AuthenticatedUser | null =>
  check.active && check.tokenVersion === tokenVersion ? check.user : null;
