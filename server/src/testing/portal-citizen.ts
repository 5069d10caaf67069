import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import { type Auth, bearer } from './request-fixtures';
import type { SmtpListener } from './smtp-listener';
import type { TestApp } from './test-app';

/** The temporary portal password in the e-mail to `email` (the new access's, or a resent one's). */
export async function mailedPortalPassword(smtp: SmtpListener, email: string, subject = 'Seu acesso ao Autoatendimento'): Promise<string> {
  const mail = await smtp.waitFor((message) => message.subject === subject && JSON.stringify(message.to).includes(email));
  const password = /Senha temporária: (\S+)/.exec(mail.text ?? '')?.[1];
  if (!password) throw new Error(`no temporary password in the e-mail to ${email}`);
  return password;
}

/** A customer registered at the desk and given a portal login (its temporary password goes by e-mail); the customer's id. */
export async function registerForPortal(server: TestApp, desk: Auth, customer: { name: string; document: string; email: string }): Promise<string> {
  const created = await server.http
    .post('/api/customers')
    .set(desk)
    .send({ type: 'person', ...customer, phones: [{ number: '11 97654-3210' }] })
    .expect(201);
  await server.http.post(`/api/customers/${created.body.id}/portal-account`).set(desk).expect(201);
  return created.body.id as string;
}

/**
 * A citizen signed in on the portal, for tests about who may call what: registered for the portal,
 * whose temporary password is replaced here instead of read from the e-mail (portal-auth.test.ts
 * follows the e-mail).
 */
export async function signInCitizen(server: TestApp, document = '661.648.855-15'): Promise<string> {
  const desk = { Authorization: `Bearer ${await server.login('attendant')}` };
  const customerId = await registerForPortal(server, desk, { name: 'Cidadã de Teste', document, email: 'cidada@example.com' });
  const password = 'senha do portal de teste';
  await server.app
    .get(DataSource)
    .query('UPDATE portal_accounts SET password_hash = $2, must_change_password = false WHERE customer_id = $1', [customerId, await hashPassword(password)]);
  const session = await server.http.post('/api/portal/auth/login').send({ login: document, password }).expect(200);
  return session.body.token as string;
}

/**
 * A customer registered at the desk who signed in on the portal with the mailed temporary password:
 * the customer's id, that temporary session, and the step to the full session (choosing a password).
 */
export async function citizenSignedInByMail(
  server: TestApp,
  smtp: SmtpListener,
  desk: Auth,
  customer: { name: string; document: string; email: string },
): Promise<{ id: string; temporary: Auth; choosePassword(): Promise<Auth> }> {
  const id = await registerForPortal(server, desk, customer);
  const password = await mailedPortalPassword(smtp, customer.email);
  const temporary = bearer((await server.http.post('/api/portal/auth/login').send({ login: customer.document, password }).expect(200)).body.token);
  return {
    id,
    temporary,
    async choosePassword() {
      const changed = await server.http
        .post('/api/portal/auth/change-password')
        .set(temporary)
        .send({ currentPassword: password, newPassword: 'Ipê amarelo em flor' })
        .expect(200);
      return bearer(changed.body.token);
    },
  };
}
