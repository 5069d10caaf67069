import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import { makePrivateFolder, writePrivateFile } from '../common/private-files';
import type { MailMessage } from './mail-message';

export const MAIL_FROM = '"Central de Atendimento" <nao-responda@receptivo.local>';

/** Where a message goes: the SMTP server of SMTP_URL, or an .eml file under DATA_DIR/mail. */
export interface MailTransport {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export class SmtpTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(url: string) {
    this.transporter = createTransport(url);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transporter.sendMail({ from: MAIL_FROM, ...message });
  }

  close(): void {
    this.transporter.close();
  }
}

export class FileTransport implements MailTransport {
  private readonly transporter = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(private readonly folder: string) {}

  async send(message: MailMessage): Promise<void> {
    const { message: eml } = await this.transporter.sendMail({ from: MAIL_FROM, ...message });
    // 0700 and 0600: a message may carry a temporary portal password.
    await makePrivateFolder(this.folder);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await writePrivateFile(join(this.folder, `${stamp}-${randomUUID().slice(0, 8)}.eml`), eml as Buffer);
  }

  close(): void {
    this.transporter.close();
  }
}

export function createMailTransport(smtpUrl: string | undefined, dataDir: string): MailTransport {
  return smtpUrl ? new SmtpTransport(smtpUrl) : new FileTransport(join(dataDir, 'mail'));
}
