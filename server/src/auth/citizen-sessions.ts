import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { type PortalCitizen, formatDocument } from '@receptivo/shared';
import { ApiException } from '../common/api-exception';

/**
 * The audience of citizens' portal tokens. Staff routes refuse any token that names an audience
 * (AuthService.authenticate), and portal routes verify this one, which staff tokens do not carry:
 * the same signing key, two kinds of session that never stand for each other.
 */
export const PORTAL_AUDIENCE = 'portal';

/** A portal visit, not a desk shift: the citizen signs in again after it. */
export const PORTAL_SESSION_HOURS = 2;

export interface AuthenticatedCitizen extends PortalCitizen {
  customerId: string;
}

interface CitizenClaims {
  sub: string;
  ver: number;
}

/** Issues and checks citizens' portal sessions; a session ends when its account's password changes. */
@Injectable()
export class CitizenSessions {
  constructor(
    private readonly jwt: JwtService,
    private readonly database: DataSource,
  ) {}

  async issue(customerId: string, tokenVersion: number): Promise<{ token: string; expiresAt: string }> {
    const claims: CitizenClaims = { sub: customerId, ver: tokenVersion };
    const token = await this.jwt.signAsync(claims, { audience: PORTAL_AUDIENCE, expiresIn: `${PORTAL_SESSION_HOURS}h` });
    return { token, expiresAt: new Date(this.jwt.decode<{ exp: number }>(token).exp * 1000).toISOString() };
  }

  async authenticate(token: string): Promise<AuthenticatedCitizen> {
    let claims: CitizenClaims;
    try {
      claims = await this.jwt.verifyAsync<CitizenClaims>(token, { audience: PORTAL_AUDIENCE });
    } catch (error) {
      if (error instanceof TokenExpiredError) throw new ApiException(401, 'TOKEN_EXPIRED', 'Sua sessão expirou. Entre novamente.');
      throw new ApiException(401, 'TOKEN_INVALID', 'Sessão inválida. Entre novamente.');
    }
    const [account] = await this.database.query<Array<{ name: string; document: string; mustChangePassword: boolean; tokenVersion: number }>>(
      `SELECT c.name, c.document, pa.must_change_password AS "mustChangePassword", pa.token_version AS "tokenVersion"
         FROM portal_accounts pa JOIN customers c ON c.id = pa.customer_id
        WHERE pa.customer_id = $1`,
      [claims.sub],
    );
    if (!account || account.tokenVersion !== claims.ver) throw new ApiException(401, 'TOKEN_INVALID', 'Sua sessão foi encerrada. Entre novamente.');
    return { customerId: claims.sub, name: account.name, login: formatDocument(account.document), mustChangePassword: account.mustChangePassword };
  }
}
