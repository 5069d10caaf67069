import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { type SmtpListener, startSmtpListener } from '../testing/smtp-listener';
import { type TestApp, startTestApp } from '../testing/test-app';

const passwordIn = (text: string) => /Senha temporária: (\S+)/.exec(text)?.[1];

describe('self-service portal accounts', () => {
  let smtp: SmtpListener;
  let server: TestApp;
  let auth: { Authorization: string };
  const storedHash = async (customerId: string) =>
    (await server.app.get(DataSource).query('SELECT password_hash FROM portal_accounts WHERE customer_id = $1', [customerId]))[0]?.password_hash as
      | string
      | undefined;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    server = await startTestApp({ SMTP_URL: smtp.url });
    auth = { Authorization: `Bearer ${await server.login('attendant')}` };
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  async function register(email: string | null, document: string) {
    const response = await server.http
      .post('/api/customers')
      .set(auth)
      .send({ type: 'person', name: 'Helena Brandão', document, email, phones: [{ number: '11 97654-3210' }] })
      .expect(201);
    return response.body.id as string;
  }

  it('creates the login and e-mails a temporary password that matches the stored hash', async () => {
    const id = await register('helena@example.com', '923.387.380-39');
    const response = await server.http.post(`/api/customers/${id}/portal-account`).set(auth).expect(201);
    // The password is never part of an answer: only where and when it was sent.
    expect(response.body.portalAccount).toEqual({
      login: '92338738039',
      email: 'helena@example.com',
      createdAt: expect.any(String),
      passwordSentAt: expect.any(String),
    });
    expect(JSON.stringify(response.body)).not.toMatch(/argon2/);

    const mail = await smtp.waitFor((message) => message.subject === 'Seu acesso ao Autoatendimento');
    expect(mail.to).toMatchObject({ text: 'helena@example.com' });
    expect(mail.text).toContain('Login: 923.387.380-39');
    const password = passwordIn(mail.text ?? '')!;
    expect(password).toHaveLength(14);
    const hash = (await storedHash(id))!;
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await argon2.verify(hash, password)).toBe(true);

    const again = await server.http.post(`/api/customers/${id}/portal-account`).set(auth).expect(409);
    expect(again.body.message).toBe('O cliente já tem acesso ao Autoatendimento: use Reenviar senha.');
  });

  it('resends a new password, and only the new one matches', async () => {
    const id = (await server.http.get('/api/customers?document=92338738039').set(auth)).body.items[0].id;
    const first = passwordIn((await smtp.waitFor((message) => message.subject === 'Seu acesso ao Autoatendimento')).text ?? '')!;
    const response = await server.http.post(`/api/customers/${id}/portal-account/resend-password`).set(auth).expect(200);
    expect(Date.parse(response.body.portalAccount.passwordSentAt)).toBeGreaterThan(Date.parse(response.body.portalAccount.createdAt));

    const mail = await smtp.waitFor((message) => message.subject === 'Nova senha do Autoatendimento');
    const second = passwordIn(mail.text ?? '')!;
    expect(second).not.toBe(first);
    const hash = (await storedHash(id))!;
    expect(await argon2.verify(hash, second)).toBe(true);
    expect(await argon2.verify(hash, first)).toBe(false);
  });

  it('refuses without a valid e-mail, creating nothing and sending nothing', async () => {
    const id = await register(null, '046.087.575-20');
    const sentBefore = smtp.received.length;
    const response = await server.http.post(`/api/customers/${id}/portal-account`).set(auth).expect(422);
    expect(response.body).toMatchObject({ code: 'BUSINESS_RULE' });
    expect(response.body.message).toMatch(/não tem e-mail válido/);
    expect(await storedHash(id)).toBeUndefined();

    const resend = await server.http.post(`/api/customers/${id}/portal-account/resend-password`).set(auth).expect(422);
    expect(resend.body.message).toBe('O cliente ainda não tem acesso ao Autoatendimento: crie o acesso primeiro.');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.received.length).toBe(sentBefore);
  });
});
