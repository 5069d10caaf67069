import type { CreateUser, IssuedPassword, UpdateUser, User, UserList } from '@receptivo/shared';
import type { ApiClient } from '../api/client';

const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

export function listUsers(api: ApiClient): Promise<UserList> {
  return api.get<UserList>('/api/users');
}

export function createUser(api: ApiClient, body: CreateUser): Promise<IssuedPassword> {
  return api.post<IssuedPassword>('/api/users', body);
}

export function updateUser(api: ApiClient, id: string, patch: UpdateUser): Promise<User> {
  return api.patch<User>(userPath(id), patch);
}

export function resetPassword(api: ApiClient, id: string): Promise<IssuedPassword> {
  return api.post<IssuedPassword>(`${userPath(id)}/reset-password`);
}
