import type { SessionUser } from '@receptivo/shared';

export type AuthenticatedUser = SessionUser & { username: string };

export interface TokenClaims {
  sub: string;
  role: SessionUser['role'];
  ver: number;
}
