import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { freePort } from '../common/free-port';
import { type SmtpListener, startSmtpListener } from '../testing/smtp-listener';
import { createTestDatabase } from '../testing/test-database';
import { bootTestApp } from '../testing/test-app';
import { MailQueue } from './mail-queue';

describe('durable mail queue', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;

  beforeEach(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'receptivo-mail-'));
  });
  afterEach(async () => {
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps a message while the SMTP server is down and across a restart, then delivers it once', async () => {
    const port = await freePort();
    const first = await bootTestApp(database.url, dataDir, { SMTP_URL: `smtp://127.0.0.1:${port}` });
    await first.app.get(MailQueue).enqueue({ to: 'cidadao@example.com', subject: 'Protocolo 2026-000123', text: 'Seu protocolo foi registrado.' });
    // Nobody listens on the port: the first attempts fail and are rescheduled.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await first.close();

    let smtp: SmtpListener | undefined;
    const second = await (async () => {
      smtp = await startSmtpListener(port);
      return bootTestApp(database.url, dataDir, { SMTP_URL: smtp.url });
    })();
    try {
      const mail = await smtp!.waitFor((message) => message.subject === 'Protocolo 2026-000123', 30_000);
      expect(mail.text?.trim()).toBe('Seu protocolo foi registrado.');
      expect(mail.from?.text).toContain('Central de Atendimento');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(smtp!.received.filter((message) => message.subject === 'Protocolo 2026-000123')).toHaveLength(1);
    } finally {
      await second.close();
      await smtp!.close();
    }
  }, 60_000);

  it('stores the message encrypted in the queue', async () => {
    const app = await bootTestApp(database.url, dataDir, { SMTP_URL: `smtp://127.0.0.1:${await freePort()}` });
    try {
      await app.app.get(MailQueue).enqueue({ to: 'x@example.com', subject: 'Senha', text: 'Senha temporária: Segredo123abc' });
      const rows = await app.app.get(DataSource).query("SELECT data::text AS data FROM pgboss.job WHERE name = 'mail'");
      expect(rows).toHaveLength(1);
      expect(rows[0].data).not.toMatch(/Segredo123abc|x@example.com/);
    } finally {
      await app.close();
    }
  });

  it('writes an .eml file under DATA_DIR/mail when SMTP_URL is unset, readable by the server alone', async () => {
    const app = await bootTestApp(database.url, dataDir);
    try {
      await app.app.get(MailQueue).enqueue({ to: 'arquivo@example.com', subject: 'Sem SMTP', text: 'Gravado em arquivo.' });
      const folder = join(dataDir, 'mail');
      let files: string[] = [];
      for (let waited = 0; waited < 15_000 && files.length === 0; waited += 250) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        files = await readdir(folder).catch(() => []);
      }
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.eml$/);
      const eml = await readFile(join(folder, files[0]), 'utf8');
      expect(eml).toContain('To: arquivo@example.com');
      expect(eml).toContain('Subject: Sem SMTP');
      // A message may carry a temporary portal password.
      expect((await stat(folder)).mode & 0o777).toBe(0o700);
      expect((await stat(join(folder, files[0]))).mode & 0o777).toBe(0o600);
    } finally {
      await app.close();
    }
  });
});
