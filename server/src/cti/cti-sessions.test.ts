import { JwtService } from '@nestjs/jwt';
import type { TokenClaims } from '../auth/authenticated-user';
import { CtiDesk } from '../testing/cti-desk';
import { type CtiTestApp, startCtiTestApp, transcript } from '../testing/cti-test-app';

describe('/cti connections end with their session (issue 15, hole 2)', () => {
  let cti: CtiTestApp;
  let adminToken: string;
  const desks: CtiDesk[] = [];

  const desk = async (token: string) => {
    const connected = new CtiDesk(cti.url, token);
    desks.push(connected);
    await connected.connected();
    await connected.next('cti:status');
    return connected;
  };
  const createUser = async (username: string, extension: string | null = null) => {
    const created = await cti.server.http
      .post('/api/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ username, name: `Usuário ${username}`, role: 'attendant', extension })
      .expect(201);
    const login = await cti.server.http.post('/api/auth/login').send({ username, password: created.body.password }).expect(200);
    return { id: created.body.user.id as string, token: login.body.token as string };
  };

  beforeAll(async () => {
    cti = await startCtiTestApp();
    adminToken = await cti.server.login('admin');
  });
  afterEach(() => {
    for (const connected of desks.splice(0)) connected.close();
  });
  afterAll(() => cti.close());

  it('password reset: the desk is told and disconnected, and the call rings only at the new session', async () => {
    const { username } = cti.server.credentials.attendant;
    const me = await cti.server.http.get('/api/auth/me').set('Authorization', `Bearer ${await cti.server.login('attendant')}`).expect(200);
    const old = await desk(await cti.server.login('attendant'));
    const ended = old.sessionEnd();

    const reset = await cti.server.http.post(`/api/users/${me.body.id}/reset-password`).set('Authorization', `Bearer ${adminToken}`).expect(201);
    expect(await ended).toEqual({ reason: { code: 'TOKEN_INVALID', message: 'Sua sessão foi encerrada. Entre novamente.' }, disconnect: 'io server disconnect' });

    const login = await cti.server.http.post('/api/auth/login').send({ username, password: reset.body.password }).expect(200);
    const renewed = await desk(login.body.token);
    await cti.ami.replay(transcript('inbound-answered'), 20);
    expect(await renewed.next('call:ringing')).toMatchObject({ callerNumber: '11987654321' });
    await renewed.next('call:ended');
    expect(old.received.filter((item) => item.event === 'call:ringing')).toEqual([]);
    expect(old.socket.connected).toBe(false);
  });

  it('deactivation: the desk is told and disconnected, and cannot connect again', async () => {
    const user = await createUser('carla', '1002');
    const connected = await desk(user.token);
    const ended = connected.sessionEnd();
    await cti.server.http.patch(`/api/users/${user.id}`).set('Authorization', `Bearer ${adminToken}`).send({ active: false }).expect(200);
    expect(await ended).toMatchObject({ reason: { code: 'TOKEN_INVALID' }, disconnect: 'io server disconnect' });
    const again = new CtiDesk(cti.url, user.token);
    desks.push(again);
    await expect(again.connected()).rejects.toMatchObject({ data: { code: 'TOKEN_INVALID' } });
  });

  it('role change: the desk is told and disconnected; other users’ desks stay', async () => {
    const user = await createUser('bruno');
    const other = await createUser('clara');
    const [changed, unchanged] = [await desk(user.token), await desk(other.token)];
    const ended = changed.sessionEnd();
    await cti.server.http.patch(`/api/users/${user.id}`).set('Authorization', `Bearer ${adminToken}`).send({ role: 'supervisor' }).expect(200);
    expect(await ended).toMatchObject({ reason: { code: 'TOKEN_INVALID' }, disconnect: 'io server disconnect' });
    expect(unchanged.socket.connected).toBe(true);
    expect(unchanged.received.some((item) => item.event === 'session:ended')).toBe(false);
  });

  it('token expiry: the desk is told and disconnected at the token’s exp', async () => {
    const user = await createUser('dora');
    // The same session, signed to end two seconds from now (sessions last SESSION_HOURS otherwise).
    const jwt = cti.server.app.get(JwtService, { strict: false });
    const { sub, role, ver } = jwt.decode<TokenClaims>(user.token);
    const shortLived = await jwt.signAsync({ sub, role, ver } satisfies TokenClaims, { expiresIn: 2 });
    const connected = await desk(shortLived);
    const connectedAt = Date.now();
    expect(await connected.sessionEnd()).toEqual({ reason: { code: 'TOKEN_EXPIRED', message: 'Sua sessão expirou. Entre novamente.' }, disconnect: 'io server disconnect' });
    expect(Date.now() - connectedAt).toBeLessThan(3_500);
  });
});
