import type { ChangePassword, LoginRequest, LoginResponse } from '@receptivo/shared';
import type { ApiClient } from '../api/client';

export function login(api: ApiClient, credentials: LoginRequest): Promise<LoginResponse> {
  return api.post<LoginResponse>('/api/auth/login', credentials);
}

export function changePassword(api: ApiClient, body: ChangePassword): Promise<void> {
  return api.post<void>('/api/auth/change-password', body);
}
