import type { CreateUser, IssuedPassword, UpdateUser, User, UserList } from '@receptivo/shared';
import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../api/client';

const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

export function listUsers(api: ApiClient): Promise<UserList> {
  return api.get<UserList>('/api/users');
}

/** Every user, shared by the users panel and the access audit's user filter. */
export const usersQuery = (api: ApiClient) => queryOptions({ queryKey: ['users'], queryFn: () => listUsers(api) });

export function createUser(api: ApiClient, body: CreateUser): Promise<IssuedPassword> {
  return api.post<IssuedPassword>('/api/users', body);
}

export function updateUser(api: ApiClient, id: string, patch: UpdateUser): Promise<User> {
  return api.patch<User>(userPath(id), patch);
}

export function resetPassword(api: ApiClient, id: string): Promise<IssuedPassword> {
  return api.post<IssuedPassword>(`${userPath(id)}/reset-password`);
}
