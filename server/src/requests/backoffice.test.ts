import { backofficeListSchema, formatProtocol, issuedPasswordSchema, loginResponseSchema, requestSchema, userSchema } from '@receptivo/shared';
import { type SmtpListener, startSmtpListener } from '../testing/smtp-listener';
import { type TestApp, startTestApp } from '../testing/test-app';
import { type Auth, type RequestDesk, bearer, requestDesk } from '../testing/request-fixtures';

const LAMP = 'Lâmpada apagada';
const BULKY = 'Retirada de objetos volumosos (Cata-Bagulho)';
const LIGHTING = 'Departamento de Iluminação Pública';
const CLEANING = 'Autoridade Municipal de Limpeza Urbana';
const FIRST_DEMO_ORGAN = 'Secretaria Municipal de Infraestrutura Urbana e Obras';

describe('back office', () => {
  let smtp: SmtpListener;
  let server: TestApp;
  let desk: RequestDesk;
  let lighting: Auth;
  let cleaning: Auth;
  const customers: Record<'carlos' | 'beatriz' | 'fernanda' | 'maria', string> = { carlos: '', beatriz: '', fernanda: '', maria: '' };

  beforeAll(async () => {
    smtp = await startSmtpListener();
    server = await startTestApp({ SMTP_URL: smtp.url });
    desk = await requestDesk(server);
    lighting = await desk.backoffice(LIGHTING);
    cleaning = await desk.backoffice(CLEANING);
    const phones = { carlos: '11955554444', beatriz: '41988887777', fernanda: '11912345678', maria: '11987654321' } as const;
    for (const [name, phone] of Object.entries(phones) as [keyof typeof phones, string][]) {
      customers[name] = (await server.http.get(`/api/customers?phone=${phone}`).set(desk.attendant).expect(200)).body.items[0].id;
    }
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  const changeStatus = (id: string, auth: Auth, body: Record<string, unknown>) => server.http.post(`/api/requests/${id}/status`).set(auth).send(body);
  const view = async (id: string) => requestSchema.parse((await server.http.get(`/api/requests/${id}`).set(desk.attendant).expect(200)).body);

  describe('users bound to an organ', () => {
    it('gives the seeded back-office user the first demo organ, in the session too', async () => {
      const login = loginResponseSchema.parse((await server.http.post('/api/auth/login').send(server.credentials.backoffice).expect(200)).body);
      expect(login.user.organ).toEqual({ id: desk.organId(FIRST_DEMO_ORGAN), name: FIRST_DEMO_ORGAN });
      const me = await server.http.get('/api/auth/me').set(bearer(login.token)).expect(200);
      expect(me.body.organ).toEqual(login.user.organ);
      const attendant = await server.http.get('/api/auth/me').set(desk.attendant).expect(200);
      expect(attendant.body.organ).toBeNull();
    });

    it('requires the organ of a back-office user, and keeps none for the other roles', async () => {
      const missing = await server.http.post('/api/users').set(desk.admin).send({ username: 'sem.orgao', name: 'Sem Órgão', role: 'backoffice' }).expect(400);
      expect(missing.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { organId: 'Escolha o órgão em que o usuário de retaguarda trabalha.' },
      });
      const unknown = await server.http
        .post('/api/users')
        .set(desk.admin)
        .send({ username: 'orgao.falso', name: 'Órgão Falso', role: 'backoffice', organId: '00000000-0000-4000-8000-000000000000' })
        .expect(400);
      expect(unknown.body.fields).toEqual({ organId: 'Órgão não encontrado ou inativo.' });

      const attendant = issuedPasswordSchema.parse(
        (
          await server.http
            .post('/api/users')
            .set(desk.admin)
            .send({ username: 'joao.desk', name: 'João Desk', role: 'attendant', organId: desk.organId(LIGHTING) })
            .expect(201)
        ).body,
      );
      expect(attendant.user.organ).toBeNull();

      const toBackoffice = await server.http.patch(`/api/users/${attendant.user.id}`).set(desk.admin).send({ role: 'backoffice' }).expect(400);
      expect(toBackoffice.body.fields).toEqual({ organId: 'Escolha o órgão em que o usuário de retaguarda trabalha.' });
      const moved = userSchema.parse(
        (
          await server.http
            .patch(`/api/users/${attendant.user.id}`)
            .set(desk.admin)
            .send({ role: 'backoffice', organId: desk.organId(CLEANING) })
            .expect(200)
        ).body,
      );
      expect(moved.organ).toEqual({ id: desk.organId(CLEANING), name: CLEANING });
      const back = userSchema.parse(
        (await server.http.patch(`/api/users/${attendant.user.id}`).set(desk.admin).send({ role: 'supervisor' }).expect(200)).body,
      );
      expect(back.organ).toBeNull();
    });
  });

  describe('status changes', () => {
    it('moves the whole group with its first request, one timeline entry and one e-mail per request', async () => {
      const place = { street: 'Rua Oscar Freire', number: '900' };
      const first = await desk.register(LAMP, { ...place, customerId: customers.carlos });
      const second = await desk.register(LAMP, { ...place, customerId: customers.beatriz });
      const third = await desk.register(LAMP, { ...place, customerId: customers.fernanda });
      const cancelledMember = await desk.register(LAMP, { ...place, customerId: customers.maria });
      const withoutCustomer = await desk.register(LAMP, place);
      for (const member of [second, third, cancelledMember, withoutCustomer]) expect(member.groupOf).toEqual({ id: first.id, protocol: first.protocol });
      await server.http.post(`/api/requests/${cancelledMember.id}/cancel`).set(desk.attendant).send({ reason: 'Resolvido.' }).expect(200);

      const direct = await changeStatus(second.id, lighting, { status: 'in_progress' }).expect(422);
      expect(direct.body).toMatchObject({
        code: 'BUSINESS_RULE',
        message: `Esta solicitação segue a ${formatProtocol(first.protocol)}, a primeira do grupo (mesmo endereço): mude a situação dela e o grupo todo acompanha.`,
      });

      const started = requestSchema.parse((await changeStatus(first.id, lighting, { status: 'in_progress' }).expect(200)).body);
      expect(started.status).toBe('in_progress');
      const statusOf = (id: string) => started.group.find((member) => member.id === id)?.status;
      expect([first, second, third, withoutCustomer].map((request) => statusOf(request.id))).toEqual(['in_progress', 'in_progress', 'in_progress', 'in_progress']);
      expect(statusOf(cancelledMember.id)).toBe('cancelled');
      for (const [request, email] of [
        [first, 'carlos.souza@example.com'],
        [second, 'beatriz.lima@example.com'],
        [third, 'fernanda.rocha@example.com'],
      ] as const) {
        const mail = await smtp.waitFor((message) => message.subject === `Solicitação ${formatProtocol(request.protocol)} — Em andamento`);
        expect(mail.to).toMatchObject({ text: email });
      }
      expect((await view(second.id)).timeline.at(-1)).toMatchObject({
        kind: 'status_changed',
        description: `Situação alterada de Aberta para Em andamento. Acompanha a solicitação ${formatProtocol(first.protocol)}, primeira do grupo.`,
      });

      const response = 'Equipe trocou a lâmpada do poste 045123.';
      const finished = requestSchema.parse((await changeStatus(first.id, lighting, { status: 'finished', response }).expect(200)).body);
      expect(finished).toMatchObject({ status: 'finished', response });
      for (const request of [second, third, withoutCustomer]) {
        const member = await view(request.id);
        expect(member).toMatchObject({ status: 'finished', response, finishedAt: finished.finishedAt });
        expect(member.timeline.slice(-2).map((event) => [event.kind, event.description])).toEqual([
          ['status_changed', `Situação alterada de Em andamento para Finalizada. Acompanha a solicitação ${formatProtocol(first.protocol)}, primeira do grupo.`],
          ['responded', response],
        ]);
      }
      expect((await view(cancelledMember.id)).status).toBe('cancelled');
      for (const request of [first, second, third]) {
        const mail = await smtp.waitFor((message) => message.subject === `Solicitação ${formatProtocol(request.protocol)} — Finalizada`);
        expect(mail.text).toContain(response);
      }
      expect(smtp.received.filter((mail) => mail.subject?.includes(formatProtocol(cancelledMember.protocol)))).toHaveLength(0);
    });

    it('refuses transitions the back office cannot make, and a finish without a response', async () => {
      const request = await desk.register(LAMP);
      const noResponse = await changeStatus(request.id, lighting, { status: 'finished' }).expect(400);
      expect(noResponse.body.fields).toEqual({ response: 'Escreva a resposta ao cidadão para finalizar.' });
      await changeStatus(request.id, lighting, { status: 'in_progress' }).expect(200);
      const again = await changeStatus(request.id, lighting, { status: 'in_progress' }).expect(422);
      expect(again.body.message).toBe('A solicitação já está em andamento.');
      await changeStatus(request.id, lighting, { status: 'finished', response: 'Feito.' }).expect(200);
      const reopen = await changeStatus(request.id, lighting, { status: 'in_progress' }).expect(422);
      expect(reopen.body.message).toBe('A solicitação já foi finalizada; só volta a andar se o cidadão pedir o reinício.');
      const cancelled = await desk.register(LAMP);
      await server.http.post(`/api/requests/${cancelled.id}/cancel`).set(desk.attendant).send({}).expect(200);
      const dead = await changeStatus(cancelled.id, lighting, { status: 'finished', response: 'x' }).expect(422);
      expect(dead.body.message).toBe('A solicitação foi cancelada e não muda mais de situação.');
      await changeStatus(request.id, desk.attendant, { status: 'in_progress' }).expect(403);
    });

    it('keeps each back office to its organ', async () => {
      const request = await desk.register(LAMP);
      const other = await changeStatus(request.id, cleaning, { status: 'in_progress' }).expect(403);
      expect(other.body).toMatchObject({ code: 'FORBIDDEN', message: 'Esta solicitação é de outro órgão.' });
      await server.http.get(`/api/requests/${request.id}`).set(cleaning).expect(403);
      await server.http.get(`/api/requests/${request.id}/pdf`).set(cleaning).expect(403);
      await server.http.get(`/api/requests/${request.id}`).set(lighting).expect(200);
      expect((await view(request.id)).status).toBe('open');
    });

    it('hands a group over to its oldest open member when its first is cancelled', async () => {
      const place = { street: 'Alameda Lorena', number: '77' };
      const first = await desk.register(LAMP, place);
      const second = await desk.register(LAMP, place);
      const third = await desk.register(LAMP, place);
      await server.http.post(`/api/requests/${first.id}/cancel`).set(desk.attendant).send({}).expect(200);
      expect((await view(second.id)).groupOf).toBeNull();
      expect((await view(third.id)).groupOf).toEqual({ id: second.id, protocol: second.protocol });
      expect((await view(third.id)).timeline.at(-1)).toMatchObject({
        kind: 'grouped',
        description: `A solicitação ${formatProtocol(first.protocol)}, primeira do grupo, foi cancelada; a ${formatProtocol(second.protocol)} passa a ser a primeira.`,
      });
      await changeStatus(second.id, lighting, { status: 'in_progress' }).expect(200);
      expect((await view(third.id)).status).toBe('in_progress');
    });
  });

  describe('work list', () => {
    it('lists only the organ’s requests, newest first, filtered by status and by protocol or customer name, paginated', async () => {
      const mine = [
        await desk.register(LAMP, { customerId: customers.fernanda }),
        await desk.register(LAMP, { customerId: customers.carlos }),
        await desk.register(LAMP, { customerId: customers.fernanda }),
      ];
      const theirs = await desk.register(BULKY, { customerId: customers.fernanda });
      await changeStatus(mine[1].id, lighting, { status: 'in_progress' }).expect(200);

      const list = async (auth: Auth, query = '') => backofficeListSchema.parse((await server.http.get(`/api/backoffice/requests${query}`).set(auth).expect(200)).body);
      const all = await list(lighting, '?pageSize=100');
      expect(all.items.every((item) => item.organName === LIGHTING)).toBe(true);
      expect(all.items.map((item) => item.id)).not.toContain(theirs.id);
      expect(all.items.slice(0, 3).map((item) => item.id)).toEqual([mine[2].id, mine[1].id, mine[0].id]);
      expect(all.total).toBe(all.items.length);
      expect(all.items[0]).toMatchObject({ customerName: 'Fernanda Rocha', attendanceProtocol: expect.any(String) });

      expect((await list(cleaning, '?pageSize=100')).items.map((item) => item.id)).toContain(theirs.id);

      const inProgress = await list(lighting, '?status=in_progress&pageSize=100');
      expect(inProgress.items.map((item) => item.id)).toContain(mine[1].id);
      expect(inProgress.items.every((item) => item.status === 'in_progress')).toBe(true);

      for (const typed of [mine[0].protocol, formatProtocol(mine[0].protocol)]) {
        expect((await list(lighting, `?q=${encodeURIComponent(typed)}`)).items.map((item) => item.id)).toEqual([mine[0].id]);
      }
      expect((await list(lighting, `?q=${encodeURIComponent(theirs.protocol)}`)).items).toEqual([]);

      const byName = await list(lighting, `?q=${encodeURIComponent('FERNANDA rôcha')}&pageSize=100`);
      expect(byName.items.slice(0, 2).map((item) => item.id)).toEqual([mine[2].id, mine[0].id]);
      expect(byName.items.every((item) => item.customerName === 'Fernanda Rocha')).toBe(true);
      expect((await list(lighting, `?q=${encodeURIComponent('carlos')}&status=in_progress`)).items.map((item) => item.id)).toEqual([mine[1].id]);
      expect((await list(lighting, `?q=${encodeURIComponent('fernanda')}&status=in_progress`)).items).toEqual([]);

      const page = await list(lighting, '?pageSize=2&page=2');
      expect(page.total).toBe(all.total);
      expect(page.items.map((item) => item.id)).toEqual(all.items.slice(2, 4).map((item) => item.id));

      await server.http.get('/api/backoffice/requests').set(desk.attendant).expect(403);
    });
  });
});
