import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { ChangePassword, LoginRequest, LoginResponse } from '@receptivo/shared';
import { ApiException } from '../common/api-exception';
import type { AuthenticatedUser, TokenClaims } from './authenticated-user';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { UserEntity } from './user.entity';

/** A desk shift plus overtime; after it the attendant signs in again. */
export const SESSION_HOURS = 12;

const invalidCredentials = () => new ApiException(401, 'INVALID_CREDENTIALS', 'Usuário ou senha inválidos.');
const sessionEnded = () => new ApiException(401, 'TOKEN_INVALID', 'Sua sessão foi encerrada. Entre novamente.');

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly jwt: JwtService,
  ) {}

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
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch (error) {
      if (error instanceof TokenExpiredError) {
        throw new ApiException(401, 'TOKEN_EXPIRED', 'Sua sessão expirou. Entre novamente.');
      }
      throw new ApiException(401, 'TOKEN_INVALID', 'Sessão inválida. Entre novamente.');
    }
    // Every authenticated request passes here: one plain indexed query, no entity hydration.
    const [user] = await this.users.query(
      `SELECT u.id, u.username, u.name, u.role, u.extension,
              CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'name', o.name) END AS organ
         FROM users u LEFT JOIN organs o ON o.id = u.organ_id
        WHERE u.id = $1 AND u.active AND u.token_version = $2`,
      [claims.sub, claims.ver],
    );
    if (!user) throw sessionEnded();
    return user as AuthenticatedUser;
  }

  async changePassword(userId: string, { currentPassword, newPassword }: ChangePassword): Promise<void> {
    const user = await this.users.findOneByOrFail({ id: userId });
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new ApiException(400, 'VALIDATION_FAILED', 'A senha atual não confere.', { currentPassword: 'A senha atual não confere.' });
    }
    // Other sessions of this user end; the caller signs in again with the new password.
    await this.users.update(user.id, { passwordHash: await hashPassword(newPassword), tokenVersion: user.tokenVersion + 1 });
  }
}
