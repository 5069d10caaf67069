import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import type { TestApp } from './test-app';

/**
 * A citizen signed in on the portal, for tests about who may call what: a customer registered at
 * the desk with a portal login, whose temporary password is replaced here instead of read from the
 * e-mail (portal-auth.test.ts follows the e-mail).
 */
export async function signInCitizen(server: TestApp, document = '661.648.855-15'): Promise<string> {
  const desk = { Authorization: `Bearer ${await server.login('attendant')}` };
  const customer = await server.http
    .post('/api/customers')
    .set(desk)
    .send({ type: 'person', name: 'Cidadã de Teste', document, email: 'cidada@example.com', phones: [{ number: '11 97654-3210' }] })
    .expect(201);
  await server.http.post(`/api/customers/${customer.body.id}/portal-account`).set(desk).expect(201);
  const password = 'senha do portal de teste';
  await server.app
    .get(DataSource)
    .query('UPDATE portal_accounts SET password_hash = $2, must_change_password = false WHERE customer_id = $1', [customer.body.id, await hashPassword(password)]);
  const session = await server.http.post('/api/portal/auth/login').send({ login: document, password }).expect(200);
  return session.body.token as string;
}
