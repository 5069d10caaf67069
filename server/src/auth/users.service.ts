import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { BACKOFFICE_ORGAN_REQUIRED, type CreateUser, type IssuedPassword, type Role, type UpdateUser, type User, type UserList } from '@receptivo/shared';
import { ApiException, conflict, notFound } from '../common/api-exception';
import { UNIQUE_VIOLATION, databaseRefusal } from '../common/database-errors';
import type { AuthenticatedUser } from './authenticated-user';
import { LoginAttempts } from './login-attempts';
import { generatePassword, hashPassword } from './passwords';
import { UserChanges } from './user-changes';
import { UserEntity, toUser } from './user.entity';

/** Turns the database's unique-index refusals into the conflict the admin screen shows. */
function asConflict(error: unknown): never {
  const refusal = databaseRefusal(error);
  if (refusal?.code === UNIQUE_VIOLATION) {
    if (refusal.constraint.includes('extension')) {
      throw conflict('Este ramal já pertence a outro usuário ativo.', { extension: 'Ramal em uso por outro usuário ativo.' });
    }
    throw conflict('Este nome de usuário já existe.', { username: 'Nome de usuário já existe.' });
  }
  throw error;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly changes: UserChanges,
    private readonly loginAttempts: LoginAttempts,
  ) {}

  async list(): Promise<UserList> {
    const [items, total] = await this.users.findAndCount({ order: { active: 'DESC', name: 'ASC' }, relations: { organ: true } });
    return { items: items.map(toUser), total };
  }

  async create(input: CreateUser): Promise<IssuedPassword> {
    const password = generatePassword();
    const entity = this.users.create({
      username: input.username,
      name: input.name,
      role: input.role,
      extension: input.extension ?? null,
      organId: await this.organFor(input.role, input.organId ?? null),
      passwordHash: await hashPassword(password),
    });
    const saved = await this.users.save(entity).catch(asConflict);
    await this.changes.changed(saved.id);
    return { user: toUser(await this.find(saved.id)), password };
  }

  async update(id: string, patch: UpdateUser, actor: AuthenticatedUser): Promise<User> {
    const user = await this.find(id);
    if (id === actor.id && (patch.active === false || (patch.role && patch.role !== user.role))) {
      throw new ApiException(400, 'VALIDATION_FAILED', 'Você não pode desativar nem mudar o perfil do próprio usuário.');
    }
    const endsSessions = (patch.active === false && user.active) || (patch.role !== undefined && patch.role !== user.role);
    const { organId: requestedOrgan, ...rest } = patch;
    // Only a change of role or organ is checked: deactivating a user never asks for an organ.
    const organId =
      patch.role === undefined && requestedOrgan === undefined
        ? user.organId
        : await this.organFor(patch.role ?? user.role, requestedOrgan === undefined ? user.organId : requestedOrgan);
    // The column, not the loaded relation, says which organ is saved.
    Object.assign(user, rest, { organId, organ: undefined }, endsSessions ? { tokenVersion: user.tokenVersion + 1 } : {});
    await this.users.save(user).catch(asConflict);
    await this.changes.changed(id);
    return toUser(await this.find(id));
  }

  async resetPassword(id: string): Promise<IssuedPassword> {
    const user = await this.find(id);
    const password = generatePassword();
    user.passwordHash = await hashPassword(password);
    user.tokenVersion += 1;
    const saved = await this.users.save(user);
    await this.changes.changed(id);
    // The owner's new password works at once, whatever a guesser's failures made the account wait.
    await this.loginAttempts.forgetAccount(saved.username);
    return { user: toUser(saved), password };
  }

  private async find(id: string): Promise<UserEntity> {
    const user = await this.users.findOne({ where: { id }, relations: { organ: true } });
    if (!user) throw notFound('Usuário');
    return user;
  }

  /** A back-office user needs an active organ; the other roles have none. */
  private async organFor(role: Role, organId: string | null): Promise<string | null> {
    if (role !== 'backoffice') return null;
    if (!organId) throw new ApiException(400, 'VALIDATION_FAILED', BACKOFFICE_ORGAN_REQUIRED, { organId: BACKOFFICE_ORGAN_REQUIRED });
    const [organ] = await this.users.query('SELECT id FROM organs WHERE id = $1 AND active', [organId]);
    if (!organ) throw new ApiException(400, 'VALIDATION_FAILED', 'Órgão não encontrado ou inativo.', { organId: 'Órgão não encontrado ou inativo.' });
    return organId;
  }
}
