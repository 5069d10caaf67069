import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface SealedMail {
  /** Hash of the recipient, so an operator can find a job without reading it. */
  recipient: string;
  sealed: string;
}

/**
 * Queued mail can carry a temporary password; jobs stay in PostgreSQL (and its backups) until
 * archived, so the message is encrypted (AES-256-GCM) with a key derived from the server's secret.
 */
export class MailSealer {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'receptivo', 'mail-queue', 32));
  }

  seal(message: MailMessage): SealedMail {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(message), 'utf8'), cipher.final()]);
    return {
      recipient: createHash('sha256').update(message.to).digest('hex').slice(0, 16),
      sealed: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'),
    };
  }

  open({ sealed }: SealedMail): MailMessage {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as MailMessage;
  }
}
