import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { apiErrorSchema, portalForgotPasswordAnswerSchema, portalSessionSchema } from '@receptivo/shared';
import { mailedPortalPassword, registerForPortal } from '../testing/portal-citizen';
import { type SmtpListener, startSmtpListener } from '../testing/smtp-listener';
import { type TestApp, startTestApp } from '../testing/test-app';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const PUBLIC_URL = 'https://atendimento.example.gov.br';
const RESET_SUBJECT = 'Redefinição de senha do Autoatendimento';
const NEW_PASSWORD = 'Ipê roxo na praça';
const LINK_INVALID = {
  statusCode: 400,
  code: 'RESET_LINK_INVALID',
  message: 'Este link de redefinição de senha não vale mais: ele já foi usado, passou de 1 hora ou foi substituído por um mais novo. Peça outro em "Esqueci minha senha".',
};

describe('"Esqueci minha senha" on the self-service portal', () => {
  let smtp: SmtpListener;
  let server: TestApp;
  let desk: { Authorization: string };
  let clockDir: string;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    clockDir = await mkdtemp(join(tmpdir(), 'receptivo-clock-'));
    server = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: `${PUBLIC_URL}/`, TEST_CLOCK_FILE: join(clockDir, 'offset') });
    desk = bearer(await server.login('attendant'));
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
    await rm(clockDir, { recursive: true, force: true });
  });
  afterEach(() => moveClockMinutes(0));

  /** The server's clock this many minutes ahead of the real time. */
  const moveClockMinutes = (minutes: number) => writeFile(join(clockDir, 'offset'), String(minutes * 60_000));

  /** A customer registered at the desk with a portal login; its temporary password as e-mailed. */
  async function citizen(name: string, document: string, email: string) {
    const id = await registerForPortal(server, desk, { name, document, email });
    return { id, document, email, temporary: await mailedPortalPassword(smtp, email) };
  }

  const forgot = (login: string) => server.http.post('/api/portal/auth/forgot-password').send({ login });
  const reset = (token: string, newPassword = NEW_PASSWORD) => server.http.post('/api/portal/auth/reset-password').send({ token, newPassword });
  const signIn = (login: string, password: string) => server.http.post('/api/portal/auth/login').send({ login, password });

  const isResetMailTo = (email: string) => (mail: ParsedMail) => mail.subject === RESET_SUBJECT && JSON.stringify(mail.to).includes(email);

  /** The token of the `nth` (from 1) reset e-mail to `email`, once it has arrived; the link is checked on the way. */
  async function mailedToken(email: string, nth = 1): Promise<string> {
    const matches = isResetMailTo(email);
    const mail = await smtp.waitFor((candidate) => matches(candidate) && smtp.received.filter(matches).indexOf(candidate) === nth - 1);
    const link = /https?:\/\/\S+/.exec(mail.text ?? '')?.[0];
    if (!link) throw new Error(`no link in the reset e-mail to ${email}`);
    const url = new URL(link);
    expect(`${url.origin}${url.pathname}`).toBe(`${PUBLIC_URL}/autoatendimento/redefinir-senha`);
    expect(url.search).toBe('');
    const token = /^#token=([A-Za-z0-9_-]+)$/.exec(url.hash)?.[1];
    expect(token).toHaveLength(43);
    return token!;
  }

  it('mails a link that sets a new password: the old password and every earlier session end, and the link works once', async () => {
    const helena = await citizen('Helena Brandão', '686.668.688-13', 'helena@example.com');
    const earlier = portalSessionSchema.parse((await signIn(helena.document, helena.temporary).expect(200)).body);

    const answer = await forgot('686 668 688 13').expect(202);
    expect(portalForgotPasswordAnswerSchema.parse(answer.body).message).toMatch(/^Se o CPF, CNPJ ou e-mail informado tiver acesso ao Autoatendimento/);
    const token = await mailedToken(helena.email);
    const mail = smtp.received.find(isResetMailTo(helena.email))!;
    expect(mail.text).toContain('Olá, Helena Brandão.');
    expect(mail.text).toContain('login 686.668.688-13');
    expect(mail.text).toContain('vale por 1 hora');
    // The database holds the token's SHA-256, never the token.
    const stored = await server.app.get(DataSource).query('SELECT * FROM portal_password_resets');
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored).toContainEqual(expect.objectContaining({ token_hash: createHash('sha256').update(token).digest('hex') }));

    // Until the link is used, the old password still signs in.
    await signIn(helena.document, helena.temporary).expect(200);

    const session = portalSessionSchema.parse((await reset(token).expect(200)).body);
    expect(session.citizen).toEqual({ name: 'Helena Brandão', login: '686.668.688-13', mustChangePassword: false });
    await server.http.get('/api/portal/auth/me').set(bearer(session.token)).expect(200);
    // The session opens the portal's other pages: no change of password is asked for.
    await server.http.get('/api/portal/my-data').set(bearer(session.token)).expect(200);
    expect((await server.http.get('/api/portal/auth/me').set(bearer(earlier.token)).expect(401)).body.code).toBe('TOKEN_INVALID');

    expect(apiErrorSchema.parse((await signIn(helena.document, helena.temporary).expect(401)).body).code).toBe('INVALID_CREDENTIALS');
    await signIn(helena.document, NEW_PASSWORD).expect(200);

    const again = await reset(token, 'Outra senha bem longa').expect(400);
    expect(again.body).toMatchObject(LINK_INVALID);
    await signIn(helena.document, 'Outra senha bem longa').expect(401);
  });

  it('finds the account by its e-mail in any case, as the sign-in does', async () => {
    const otavio = await citizen('Otávio Reis', '848.804.808-43', 'otavio@example.com');
    await forgot(' Otavio@Example.COM ').expect(202);
    await reset(await mailedToken(otavio.email)).expect(200);
    await signIn(otavio.email, NEW_PASSWORD).expect(200);
  });

  it('refuses a weak password with its field named, and the link still works afterwards', async () => {
    const rui = await citizen('Rui Prado', '806.028.864-49', 'rui@example.com');
    await forgot(rui.document).expect(202);
    const token = await mailedToken(rui.email);

    const weak = await reset(token, 'curta').expect(400);
    expect(weak.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: { newPassword: 'A senha deve ter pelo menos 10 caracteres.' } });
    const incomplete = await server.http.post('/api/portal/auth/reset-password').send({ newPassword: NEW_PASSWORD }).expect(400);
    expect(Object.keys(incomplete.body.fields)).toEqual(['token']);
    await signIn(rui.document, rui.temporary).expect(200);

    await reset(token).expect(200);
    await signIn(rui.document, NEW_PASSWORD).expect(200);
  });

  it('refuses a link older than an hour, while a link under an hour old works', async () => {
    const iara = await citizen('Iara Souza', '888.600.868-68', 'iara@example.com');
    await forgot(iara.document).expect(202);
    const first = await mailedToken(iara.email, 1);
    await moveClockMinutes(61);
    expect((await reset(first).expect(400)).body).toMatchObject(LINK_INVALID);

    await forgot(iara.document).expect(202);
    const second = await mailedToken(iara.email, 2);
    await moveClockMinutes(61 + 59);
    await reset(second).expect(200);
    await signIn(iara.document, NEW_PASSWORD).expect(200);
  });

  it('a newer link voids the older one, and so does a password the desk resends', async () => {
    const davi = await citizen('Davi Lima', '046.444.460-84', 'davi@example.com');
    await forgot(davi.document).expect(202);
    const older = await mailedToken(davi.email, 1);
    await forgot(davi.document).expect(202);
    const newer = await mailedToken(davi.email, 2);
    expect(newer).not.toBe(older);
    expect((await reset(older).expect(400)).body).toMatchObject(LINK_INVALID);

    await server.http.post(`/api/customers/${davi.id}/portal-account/resend-password`).set(desk).expect(200);
    const resent = await mailedPortalPassword(smtp, davi.email, 'Nova senha do Autoatendimento');
    expect((await reset(newer).expect(400)).body).toMatchObject(LINK_INVALID);
    await signIn(davi.document, resent).expect(200);
    expect((await reset('a-token-nobody-was-sent-0000000000000000000').expect(400)).body).toMatchObject(LINK_INVALID);
  });

  it('answers an unknown login and an account without e-mail as it answers a known one, and mails nothing for them', async () => {
    const known = await citizen('Lia Campos', '480.226.828-96', 'lia@example.com');
    const withoutEmail = await citizen('Caio Nunes', '606.028.428-08', 'caio@example.com');
    await server.http.patch(`/api/customers/${withoutEmail.id}`).set(desk).send({ email: null }).expect(200);

    const knownAnswer = await forgot(known.document).expect(202);
    await mailedToken(known.email);
    const mailsBefore = smtp.received.length;
    for (const login of ['111.444.777-35', 'ninguem@example.com', withoutEmail.document]) {
      const answer = await forgot(login);
      expect({ status: answer.status, body: answer.body }).toEqual({ status: knownAnswer.status, body: knownAnswer.body });
    }
    // A mail queued after those three arrives after anything they could have queued.
    const witness = await citizen('Testemunha do Correio', '048.860.804-05', 'testemunha@example.com');
    expect(smtp.received.length).toBe(mailsBefore + 1);
    expect(smtp.received.at(-1)?.to).toEqual(expect.objectContaining({ text: witness.email }));
  });

  it('slows down repeated requests for one login alike whether it has an account, apart from the sign-in', async () => {
    const bia = await citizen('Bia Rocha', '240.606.480-86', 'bia@example.com');
    for (const login of [bia.document, '529.982.247-25']) {
      // Five requests in a row pass (a citizen may not find the mail at once); the next waits.
      for (let request = 1; request <= 5; request++) await forgot(login).expect(202);
      const waited = await forgot(login.replace(/\D/g, ''));
      expect(waited.status).toBe(429);
      expect(apiErrorSchema.parse(waited.body)).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', message: 'Muitos pedidos de nova senha. Aguarde 1 segundo e tente novamente.' });
      expect(Number(waited.headers['retry-after'])).toBeGreaterThan(0);
    }
    // The citizen's sign-in is counted apart: it still lets the owner in.
    await signIn(bia.document, bia.temporary).expect(200);
  });

  it('forgets the failed sign-ins of a citizen who guessed wrong too often', async () => {
    const ana = await citizen('Ana Teles', '848.424.024-07', 'ana@example.com');
    for (let attempt = 1; attempt <= 5; attempt++) await signIn(ana.document, `chute-${attempt}`).expect(401);
    expect((await signIn(ana.document, ana.temporary)).status).toBe(429);

    await forgot(ana.email).expect(202);
    await reset(await mailedToken(ana.email)).expect(200);
    // Counted on, a sixth failure would make the very next sign-in wait; forgotten, a typo costs nothing.
    await signIn(ana.document, 'chute-6').expect(401);
    await signIn(ana.document, NEW_PASSWORD).expect(200);
  });
});
