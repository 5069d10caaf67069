import { Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type CreateUser,
  type IssuedPassword,
  type UpdateUser,
  type User,
  type UserList,
  createUserSchema,
  issuedPasswordSchema,
  updateUserSchema,
  userListSchema,
  userSchema,
} from '@receptivo/shared';
import { notFound } from '../common/api-exception';
import { Returns, ValidBody } from '../common/zod-validation';
import { CurrentUser, Roles } from './access.decorators';
import type { AuthenticatedUser } from './authenticated-user';
import { UsersService } from './users.service';

const validId = new ParseUUIDPipe({ exceptionFactory: () => notFound('Usuário') });

@ApiTags('users')
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Returns(userListSchema)
  list(): Promise<UserList> {
    return this.users.list();
  }

  @Post()
  @Returns(issuedPasswordSchema, 201)
  create(@ValidBody(createUserSchema) body: CreateUser): Promise<IssuedPassword> {
    return this.users.create(body);
  }

  @Patch(':id')
  @Returns(userSchema)
  update(
    @Param('id', validId) id: string,
    @ValidBody(updateUserSchema) body: UpdateUser,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<User> {
    return this.users.update(id, body, actor);
  }

  @Post(':id/reset-password')
  @Returns(issuedPasswordSchema, 201)
  resetPassword(@Param('id', validId) id: string): Promise<IssuedPassword> {
    return this.users.resetPassword(id);
  }
}
