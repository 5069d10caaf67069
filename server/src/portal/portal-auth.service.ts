import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type PortalChangePassword, type PortalLoginRequest, type PortalSession, formatDocument, stripDocument } from '@receptivo/shared';
import { type AuthenticatedCitizen, CitizenSessions } from '../auth/citizen-sessions';
import { LoginAttempts } from '../auth/login-attempts';
import { addressKey } from '../auth/login-policy';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../auth/passwords';
import { ApiException } from '../common/api-exception';

export interface PortalAccountRow {
  customerId: string;
  name: string;
  document: string;
  /** The customer's e-mail at the desk, where the portal's messages go. */
  email: string | null;
  passwordHash: string;
  mustChangePassword: boolean;
  tokenVersion: number;
}

const invalidCredentials = () => new ApiException(401, 'INVALID_CREDENTIALS', 'CPF/CNPJ, e-mail ou senha inválidos.');

/** A login as the protection counts it: an e-mail in lower case, a CPF/CNPJ without punctuation. */
export const normalizedLogin = (login: string) => (login.includes('@') ? login.toLowerCase() : stripDocument(login));

/** The login key the protection counts failures on: apart from staff usernames, whatever the citizen typed. */
const attemptKey = (login: string) => `portal:${normalizedLogin(login)}`;

/**
 * Citizens' sign-in on the self-service portal, under the staff's login protection (failures
 * counted per account and per address), and their password change.
 */
@Injectable()
export class PortalAuthService {
  constructor(
    private readonly database: DataSource,
    private readonly sessions: CitizenSessions,
    private readonly attempts: LoginAttempts,
  ) {}

  async signIn(credentials: PortalLoginRequest, address: string): Promise<PortalSession> {
    const attempt = { username: attemptKey(credentials.login), address: addressKey(address) };
    const admission = await this.attempts.admit(attempt);
    const account = await this.accountByLogin(credentials.login);
    // The decoy keeps an unknown login as slow as a wrong password: timing tells no one who has an account.
    const matches = await verifyPassword(account?.passwordHash ?? (await decoyPasswordHash()), credentials.password);
    if (!account || !matches) {
      await this.attempts.failed(attempt, admission);
      throw invalidCredentials();
    }
    await this.attempts.succeeded(attempt);
    return this.sessionOf(account);
  }

  /** The new password ends every other session of the account; the answer is this device's new session. */
  async changePassword(citizen: AuthenticatedCitizen, { currentPassword, newPassword }: PortalChangePassword): Promise<PortalSession> {
    return this.database.transaction(async (manager) => {
      const account = await this.lockedAccount(manager, citizen.customerId);
      if (!account || !(await verifyPassword(account.passwordHash, currentPassword))) {
        throw new ApiException(400, 'VALIDATION_FAILED', 'A senha atual não confere.', { currentPassword: 'A senha atual não confere.' });
      }
      return this.replacePassword(manager, account, newPassword);
    });
  }

  /**
   * The password the citizen chose (no change asked for at the next sign-in), in the caller's
   * transaction on the locked account: every other session ends, and so do the sign-in's failures
   * counted on the account's document and e-mail. Answers this device's new session.
   */
  async replacePassword(manager: EntityManager, account: PortalAccountRow, newPassword: string): Promise<PortalSession> {
    const [[updated]] = await manager.query<[Array<{ tokenVersion: number }>, number]>(
      `UPDATE portal_accounts SET password_hash = $2, must_change_password = false, token_version = token_version + 1
        WHERE customer_id = $1 RETURNING token_version AS "tokenVersion"`,
      [account.customerId, await hashPassword(newPassword)],
    );
    const logins = [account.document, account.email].filter((login): login is string => !!login);
    await Promise.all(logins.map((login) => this.attempts.forgetAccount(attemptKey(login))));
    return this.sessionOf({ ...account, mustChangePassword: false, tokenVersion: updated.tokenVersion });
  }

  /** The account, locked until the caller's transaction ends: what its password and links change under. */
  async lockedAccount(manager: EntityManager, customerId: string): Promise<PortalAccountRow | undefined> {
    const [account] = await manager.query<PortalAccountRow[]>(`${ACCOUNT_SELECT} WHERE pa.customer_id = $1 FOR UPDATE OF pa`, [customerId]);
    return account;
  }

  private async sessionOf(account: PortalAccountRow): Promise<PortalSession> {
    const { token, expiresAt } = await this.sessions.issue(account.customerId, account.tokenVersion);
    return { token, expiresAt, citizen: { name: account.name, login: formatDocument(account.document), mustChangePassword: account.mustChangePassword } };
  }

  /**
   * The account a login names: by CPF/CNPJ in any punctuation, or by the customer's e-mail when it
   * is the e-mail of exactly one account (relatives sharing an address sign in with their document).
   */
  async accountByLogin(login: string): Promise<PortalAccountRow | undefined> {
    if (login.includes('@')) {
      const accounts = await this.database.query<PortalAccountRow[]>(`${ACCOUNT_SELECT} WHERE lower(c.email) = lower($1) LIMIT 2`, [login]);
      return accounts.length === 1 ? accounts[0] : undefined;
    }
    const [account] = await this.database.query<PortalAccountRow[]>(`${ACCOUNT_SELECT} WHERE pa.login = $1`, [stripDocument(login)]);
    return account;
  }
}

const ACCOUNT_SELECT = `
  SELECT pa.customer_id AS "customerId", c.name, c.document, c.email, pa.password_hash AS "passwordHash",
         pa.must_change_password AS "mustChangePassword", pa.token_version AS "tokenVersion"
    FROM portal_accounts pa JOIN customers c ON c.id = pa.customer_id`;
