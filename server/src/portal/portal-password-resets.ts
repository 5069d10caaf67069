import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { type PortalForgotPassword, type PortalForgotPasswordAnswer, type PortalResetPassword, type PortalSession, emailSchema, formatDocument } from '@receptivo/shared';
import { LoginAttempts } from '../auth/login-attempts';
import { addressKey } from '../auth/login-policy';
import { ApiException } from '../common/api-exception';
import { Clock } from '../common/clock';
import type { Settings } from '../config/settings';
import { PORTAL_NAME } from '../customers/portal-accounts.service';
import type { MailMessage } from '../mail/mail-message';
import { MailQueue } from '../mail/mail-queue';
import { PORTAL_PATH } from '../common/route-prefix';
import { type PortalAccountRow, PortalAuthService, normalizedLogin } from './portal-auth.service';

const LINK_VALID_MS = 3_600_000;

/** The portal page that reads the token; it travels in the fragment, which browsers never send, so no log holds it. */
const RESET_PAGE_PATH = `${PORTAL_PATH}/redefinir-senha`;

/** One answer for every login, known or not: the answer tells no one who has an account. */
const FORGOT_PASSWORD_ANSWER =
  'Se o CPF, CNPJ ou e-mail informado tiver acesso ao Autoatendimento com e-mail cadastrado, enviamos para esse e-mail um link para criar uma nova senha. O link vale por 1 hora e pode ser usado uma vez.';

const resetLinkInvalid = () =>
  new ApiException(
    400,
    'RESET_LINK_INVALID',
    'Este link de redefinição de senha não vale mais: ele já foi usado, passou de 1 hora ou foi substituído por um mais novo. Peça outro em "Esqueci minha senha".',
  );

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

function resetMail(account: PortalAccountRow, to: string, link: string): MailMessage {
  const text = [
    `Olá, ${account.name}.`,
    '',
    `Recebemos um pedido para redefinir a senha do seu acesso ao ${PORTAL_NAME} da Central de Atendimento (login ${formatDocument(account.document)}).`,
    '',
    'Para escolher uma nova senha, abra o link abaixo. Ele vale por 1 hora e pode ser usado uma só vez:',
    link,
    '',
    'Se você não pediu a redefinição, ignore esta mensagem: sua senha atual continua valendo.',
  ].join('\n');
  return { to, subject: `Redefinição de senha do ${PORTAL_NAME}`, text };
}

/**
 * "Esqueci minha senha" on the portal: a single-use link valid for an hour goes to the account's
 * e-mail, and the link sets a new password. Only the SHA-256 of a link's token is stored.
 */
@Injectable()
export class PortalPasswordResets {
  private readonly publicUrl: string;

  constructor(
    config: ConfigService<Settings, true>,
    private readonly database: DataSource,
    private readonly auth: PortalAuthService,
    private readonly attempts: LoginAttempts,
    private readonly mail: MailQueue,
    private readonly clock: Clock,
  ) {
    this.publicUrl = config.get('PUBLIC_URL', { infer: true });
  }

  /**
   * Every request counts against the login and the address as a failed sign-in would (apart from
   * the sign-in's own counts), whether the account exists or not: no one floods a citizen's
   * mailbox, and a refusal tells no more than the answer does. The new link replaces any unused one.
   */
  async requestLink({ login }: PortalForgotPassword, address: string): Promise<PortalForgotPasswordAnswer> {
    const attempt = { username: `portal-reset:${normalizedLogin(login)}`, address: `portal-reset:${addressKey(address)}` };
    const admission = await this.attempts.admit(attempt, 'Muitos pedidos de nova senha');
    await this.attempts.failed(attempt, admission);

    const found = await this.auth.accountByLogin(login);
    if (found) {
      await this.database.transaction(async (manager) => {
        const account = await this.auth.lockedAccount(manager, found.customerId);
        const to = emailSchema.safeParse(account?.email ?? '');
        if (!account || !to.success) return;
        const token = randomBytes(32).toString('base64url');
        const now = this.clock.now();
        await manager.query('DELETE FROM portal_password_resets WHERE customer_id = $1 AND used_at IS NULL', [account.customerId]);
        await manager.query(
          `INSERT INTO portal_password_resets (customer_id, token_hash, token_version, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5)`,
          [account.customerId, hashOf(token), account.tokenVersion, now, new Date(now.getTime() + LINK_VALID_MS)],
        );
        await this.mail.enqueue(resetMail(account, to.data, `${this.publicUrl}${RESET_PAGE_PATH}#token=${token}`), manager);
      });
    }
    return { message: FORGOT_PASSWORD_ANSWER };
  }

  /** The link's account gets the new password, and the answer is a session of it; the link is spent. */
  async resetPassword({ token, newPassword }: PortalResetPassword): Promise<PortalSession> {
    const tokenHash = hashOf(token);
    return this.database.transaction(async (manager) => {
      const [link] = await manager.query<Array<{ customerId: string }>>('SELECT customer_id AS "customerId" FROM portal_password_resets WHERE token_hash = $1', [tokenHash]);
      if (!link) throw resetLinkInvalid();
      // The account is locked before the link, in the order requestLink takes them: the two never wait on each other.
      const account = await this.auth.lockedAccount(manager, link.customerId);
      if (!account) throw resetLinkInvalid();
      // A link sent before the account's latest password (token_version) died with that password.
      const [claimed] = await manager.query<[unknown[], number]>(
        `UPDATE portal_password_resets SET used_at = $2
          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 AND token_version = $3 RETURNING id`,
        [tokenHash, this.clock.now(), account.tokenVersion],
      );
      if (claimed.length === 0) throw resetLinkInvalid();
      return this.auth.replacePassword(manager, account, newPassword);
    });
  }
}
