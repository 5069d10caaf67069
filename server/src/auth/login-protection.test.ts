import type { Response } from 'supertest';
import { apiErrorSchema } from '@receptivo/shared';
import { type TestApp, startTestApp } from '../testing/test-app';
import { LOGIN_POLICY } from './login-policy';

/** The device cookie a successful login set, ready for a Cookie header. */
function deviceCookie(response: Response): string {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const device = cookies.find((cookie) => cookie.startsWith('receptivo_device_'));
  if (!device) throw new Error('the login set no device cookie');
  return device.split(';')[0];
}

function expectRetryLater(response: Response, maxSeconds: number): number {
  expect(response.status).toBe(429);
  expect(apiErrorSchema.parse(response.body)).toMatchObject({ statusCode: 429, code: 'TOO_MANY_ATTEMPTS' });
  expect(response.body.message).toMatch(/^Muitas tentativas de entrada\. Aguarde \d+ (segundos?|minutos?) e tente novamente\.$/);
  expect(response.headers['retry-after']).toMatch(/^\d+$/);
  const seconds = Number(response.headers['retry-after']);
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(maxSeconds);
  expect(response.headers['retry-after-login']).toBeUndefined();
  return seconds;
}

describe('login protection, the client being the socket peer (no TRUSTED_PROXIES)', () => {
  let server: TestApp;

  beforeAll(async () => {
    server = await startTestApp();
  });
  afterAll(() => server.close());

  it('counts no success: twenty re-logins in a row all succeed', async () => {
    for (let login = 1; login <= 20; login++) await server.http.post('/api/auth/login').send(server.credentials.attendant).expect(200);
  });

  it('sets the device cookie HttpOnly, SameSite=Strict, only for the login path', async () => {
    const response = await server.http.post('/api/auth/login').send(server.credentials.supervisor).expect(200);
    const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((text) => text.startsWith('receptivo_device_'));
    expect(cookie).toMatch(/; Path=\/api\/auth\/login/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
  });

  it('refuses an address spraying passwords over many usernames, with Retry-After, whatever X-Forwarded-For it sends', async () => {
    const known = await server.http.post('/api/auth/login').send(server.credentials.admin).expect(200);
    for (let attempt = 1; attempt <= LOGIN_POLICY.addressFailures; attempt++) {
      await server.http
        .post('/api/auth/login')
        .set('X-Forwarded-For', `203.0.113.${attempt}`)
        .send({ username: `usuario${attempt}`, password: 'Senha@2024' })
        .expect(401);
    }
    const refused = await server.http.post('/api/auth/login').set('X-Forwarded-For', '198.51.100.200').send({ username: 'outro', password: 'Senha@2024' });
    expectRetryLater(refused, LOGIN_POLICY.addressWindowSeconds);
    // A user of that address on a known device still signs in (an attacker behind the call center's NAT locks out no desk).
    await server.http.post('/api/auth/login').set('Cookie', deviceCookie(known)).send(server.credentials.admin).expect(200);
  });
});

describe('login protection behind a trusted proxy (TRUSTED_PROXIES=loopback)', () => {
  let server: TestApp;
  const from = (address: string) => server.http.post('/api/auth/login').set('X-Forwarded-For', address);

  beforeAll(async () => {
    server = await startTestApp({ TRUSTED_PROXIES: 'loopback' });
  });
  afterAll(() => server.close());

  it('lets the owner in from a known device after an attacker tried ten wrong passwords, and from a new address after a short wait', async () => {
    const owner = server.credentials.supervisor;
    const known = await from('198.51.100.7').send(owner).expect(200);

    const attackerStatuses: number[] = [];
    for (let attempt = 1; attempt <= 10; attempt++) {
      attackerStatuses.push((await from('203.0.113.66').send({ username: owner.username, password: `chute-${attempt}` })).status);
    }
    expect(attackerStatuses.slice(0, LOGIN_POLICY.freeAccountFailures)).toEqual(Array(LOGIN_POLICY.freeAccountFailures).fill(401));
    expect(attackerStatuses).toContain(429);
    expect(attackerStatuses.every((status) => status === 401 || status === 429)).toBe(true);

    // The known device passes at once, from its own address and from the attacker's alike.
    await from('198.51.100.7').set('Cookie', deviceCookie(known)).send(owner).expect(200);

    // A new device waits at most the policy's maximum (here a second or two: tries during a wait are not counted).
    const newDevice = await from('192.0.2.44').send(owner);
    if (newDevice.status !== 200) {
      const seconds = expectRetryLater(newDevice, LOGIN_POLICY.maxAccountWaitSeconds);
      expect(newDevice.body.message).toMatch(/segundo/);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      await from('192.0.2.44').send(owner).expect(200);
    }
  });

  it('ends the wait at a password reset: the owner signs in with the new password at once, from a new device', async () => {
    const admin = { Authorization: `Bearer ${await server.login('admin')}` };
    const users = (await server.http.get('/api/users').set(admin).expect(200)).body.items as { id: string; username: string }[];
    const backoffice = users.find((user) => user.username === server.credentials.backoffice.username)!;
    let lastStatus = 0;
    for (let attempt = 1; attempt <= 8; attempt++) {
      lastStatus = (await from('203.0.113.67').send({ username: backoffice.username, password: `chute-${attempt}` })).status;
    }
    expect(lastStatus).toBe(429);
    const { password } = (await server.http.post(`/api/users/${backoffice.id}/reset-password`).set(admin).expect(201)).body;
    await from('192.0.2.45').send({ username: backoffice.username, password }).expect(200);
  });

  it('counts failures per forwarded address: a new X-Forwarded-For per try is another address, each limited on its own', async () => {
    for (let attempt = 1; attempt <= LOGIN_POLICY.addressFailures + 5; attempt++) {
      await from(`203.0.113.${100 + attempt}`).send({ username: `pessoa${attempt}`, password: 'Senha@2024' }).expect(401);
    }
    for (let attempt = 1; attempt <= LOGIN_POLICY.addressFailures; attempt++) {
      await from('203.0.113.250').send({ username: `conta${attempt}`, password: 'Senha@2024' }).expect(401);
    }
    expectRetryLater(await from('203.0.113.250').send({ username: 'mais-uma', password: 'Senha@2024' }), LOGIN_POLICY.addressWindowSeconds);
    await from('203.0.113.251').send(server.credentials.attendant).expect(200);
  });

  it('counts an IPv6 client by its /64: a fresh address of the same network per try is the same client', async () => {
    for (let attempt = 1; attempt <= LOGIN_POLICY.addressFailures; attempt++) {
      await from(`2001:db8:5:6::${attempt.toString(16)}`).send({ username: `v6-${attempt}`, password: 'Senha@2024' }).expect(401);
    }
    expectRetryLater(await from('2001:db8:5:6:ffff::1').send({ username: 'v6-mais', password: 'Senha@2024' }), LOGIN_POLICY.addressWindowSeconds);
    await from('2001:db8:5:7::1').send(server.credentials.attendant).expect(200);
  });
});
