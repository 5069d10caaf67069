import { cpf } from 'cpf-cnpj-validator';
import { DataSource } from 'typeorm';
import { IDEMPOTENCY_KEY_HEADER, attendanceSchema, categoryTreeSchema, currentAttendanceSchema, customerSchema, formatProtocol, issuedPasswordSchema, searchResponseSchema } from '@receptivo/shared';
import { type Auth, type RequestDesk, address, bearer, binary, pdfText, requestDesk, validForm } from '../testing/request-fixtures';
import { type TestApp, startTestApp } from '../testing/test-app';

const LAMP = 'Lâmpada apagada';
const BULKY = 'Retirada de objetos volumosos (Cata-Bagulho)';
const LIGHTING = 'Departamento de Iluminação Pública';
const CLEANING = 'Autoridade Municipal de Limpeza Urbana';
const NOT_YOURS = 'Este atendimento está com outro usuário: só quem o conduz pode alterá-lo. Um supervisor pode assumi-lo.';

/** Issue 15, audit holes 1 and 3: attendances are changed only by their holder; the back office reads only its organ. */
describe('attendance ownership and the back office’s organ', () => {
  let server: TestApp;
  let desk: RequestDesk;
  let otherAttendant: Auth;
  let supervisor: Auth;
  let lighting: Auth;
  let cleaning: Auth;
  let informationId: string;
  let carlos: string;

  const view = async (id: string, auth: Auth) => attendanceSchema.parse((await server.http.get(`/api/attendances/${id}`).set(auth).expect(200)).body);
  const newCustomer = async (name: string) =>
    customerSchema.parse((await server.http.post('/api/customers').set(desk.attendant).send({ type: 'person', name, document: cpf.generate() }).expect(201)).body);
  const lampRequest = () => ({ requestTypeId: desk.type(LAMP).id, form: validForm(desk.type(LAMP).formSchema), address: address('Rua Frei Caneca', '120') });
  const search = async (q: string, auth: Auth) => searchResponseSchema.parse((await server.http.get(`/api/search?q=${q}`).set(auth).expect(200)).body).items;

  beforeAll(async () => {
    server = await startTestApp();
    desk = await requestDesk(server);
    const created = issuedPasswordSchema.parse(
      (await server.http.post('/api/users').set(desk.admin).send({ username: 'atendente.b', name: 'Atendente B', role: 'attendant' }).expect(201)).body,
    );
    otherAttendant = bearer((await server.http.post('/api/auth/login').send({ username: 'atendente.b', password: created.password }).expect(200)).body.token);
    supervisor = bearer(await server.login('supervisor'));
    lighting = await desk.backoffice(LIGHTING);
    cleaning = await desk.backoffice(CLEANING);
    const tree = categoryTreeSchema.parse((await server.http.get('/api/categories').set(desk.attendant).expect(200)).body);
    informationId = tree.items.flatMap((category) => category.informations)[0].id;
    carlos = (await server.http.get('/api/customers?phone=11955554444').set(desk.attendant).expect(200)).body.items[0].id;
  });
  afterAll(() => server.close());

  describe('only the holder changes an open attendance', () => {
    it('refuses attendant B every change of A’s attendance (the audit’s requests) and writes nothing', async () => {
      const attendance = await desk.startAttendance();
      const refusals = [
        await server.http.put(`/api/attendances/${attendance.id}/customer`).set(otherAttendant).send({ customerId: carlos }),
        await server.http.post(`/api/attendances/${attendance.id}/informations`).set(otherAttendant).send({ informationId }),
        await server.http.post(`/api/attendances/${attendance.id}/requests`).set(otherAttendant).send(lampRequest()),
        await server.http.post(`/api/attendances/${attendance.id}/finish`).set(otherAttendant).send({ sendScript: false }),
        // A supervisor too, until they take it over.
        await server.http.post(`/api/attendances/${attendance.id}/finish`).set(supervisor).send({ sendScript: false }),
      ];
      for (const response of refusals) expect(response.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN', message: NOT_YOURS });
      expect(await view(attendance.id, desk.attendant)).toMatchObject({ status: 'open', customer: null, informations: [], requests: [], history: [] });
    });

    it('lets the attendant who holds it change and finish it', async () => {
      const attendance = await desk.startAttendance();
      expect(attendance.holder).toEqual(attendance.attendant);
      await server.http.put(`/api/attendances/${attendance.id}/customer`).set(desk.attendant).send({ customerId: carlos }).expect(200);
      await server.http.post(`/api/attendances/${attendance.id}/informations`).set(desk.attendant).send({ informationId }).expect(201);
      await server.http.post(`/api/attendances/${attendance.id}/requests`).set(desk.attendant).send(lampRequest()).expect(201);
      const finished = attendanceSchema.parse((await server.http.post(`/api/attendances/${attendance.id}/finish`).set(desk.attendant).send({ sendScript: false }).expect(200)).body);
      expect(finished).toMatchObject({ status: 'finished', customer: { id: carlos }, informations: [{ informationId }], requests: [{ typeName: LAMP }] });
    });

    it('a supervisor takes an open attendance over: recorded in its history, then only the supervisor changes it', async () => {
      const attendance = await desk.startAttendance();
      await server.http.post(`/api/attendances/${attendance.id}/takeover`).set(otherAttendant).expect(403);

      // As the screen sends it: with an Idempotency-Key, so a click sent again takes it over once.
      const once = { ...supervisor, [IDEMPOTENCY_KEY_HEADER]: `takeover-${attendance.id}` };
      const taken = attendanceSchema.parse((await server.http.post(`/api/attendances/${attendance.id}/takeover`).set(once).expect(200)).body);
      const replayed = await server.http.post(`/api/attendances/${attendance.id}/takeover`).set(once).expect(200);
      expect(replayed.headers['idempotent-replayed']).toBe('true');
      expect(taken.attendant).toEqual(attendance.attendant);
      expect(taken.holder?.id).not.toBe(attendance.attendant?.id);
      expect(taken.history).toEqual([{ kind: 'taken_over', at: expect.any(String), actor: taken.holder, previousHolder: attendance.attendant }]);
      expect((await view(attendance.id, desk.admin)).history).toEqual(taken.history);
      // Taking it over again changes nothing.
      expect((await server.http.post(`/api/attendances/${attendance.id}/takeover`).set(supervisor).expect(200)).body.history).toHaveLength(1);

      const fromAttendant = await server.http.post(`/api/attendances/${attendance.id}/informations`).set(desk.attendant).send({ informationId });
      expect(fromAttendant.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN', message: NOT_YOURS });
      const attendantsDesk = currentAttendanceSchema.parse((await server.http.get('/api/attendances/current').set(desk.attendant).expect(200)).body);
      expect(attendantsDesk.attendance?.id).not.toBe(attendance.id);
      const supervisorsDesk = currentAttendanceSchema.parse((await server.http.get('/api/attendances/current').set(supervisor).expect(200)).body);
      expect(supervisorsDesk.attendance?.id).toBe(attendance.id);

      await server.http.post(`/api/attendances/${attendance.id}/informations`).set(supervisor).send({ informationId }).expect(201);
      await server.http.post(`/api/attendances/${attendance.id}/finish`).set(supervisor).send({ sendScript: false }).expect(200);
      const late = await server.http.post(`/api/attendances/${attendance.id}/takeover`).set(supervisor).expect(409);
      expect(late.body.message).toBe('Este atendimento já foi finalizado e não pode ser alterado.');
    });
  });

  describe('the back office reads only its organ', () => {
    it('shows an attendance, its PDF and Busca geral without another organ’s request (the audit’s requests)', async () => {
      const attendance = await desk.startAttendance({ customerId: (await newCustomer('Helena Duarte')).id });
      const lamp = await desk.register(LAMP, { attendanceId: attendance.id });
      const bulky = await desk.register(BULKY, { attendanceId: attendance.id });

      expect((await view(attendance.id, desk.attendant)).requests.map((request) => request.protocol)).toEqual([lamp.protocol, bulky.protocol]);
      expect((await view(attendance.id, lighting)).requests.map((request) => request.protocol)).toEqual([lamp.protocol]);
      expect((await view(attendance.id, cleaning)).requests.map((request) => request.protocol)).toEqual([bulky.protocol]);

      const pdf = await pdfText((await server.http.get(`/api/attendances/${attendance.id}/pdf`).set(lighting).buffer(true).parse(binary).expect(200)).body);
      expect(pdf).toContain(formatProtocol(lamp.protocol));
      expect(pdf).not.toContain(formatProtocol(bulky.protocol));
      expect(pdf).not.toContain('Cata-Bagulho');

      expect(await search(bulky.protocol, lighting)).toEqual([]);
      expect(await search(bulky.protocol, cleaning)).toEqual([expect.objectContaining({ kind: 'request', id: bulky.id })]);
      expect(await search(lamp.protocol, lighting)).toEqual([expect.objectContaining({ kind: 'request', id: lamp.id })]);
      expect(await search(attendance.protocol, lighting)).toEqual([expect.objectContaining({ kind: 'attendance', id: attendance.id })]);

      // The Atendimentos search: only the organ's request, and counted alone.
      const found = (await server.http.get(`/api/attendances?q=${attendance.protocol}`).set(lighting).expect(200)).body.items;
      expect(found).toEqual([expect.objectContaining({ id: attendance.id, requestCount: 1, customerName: 'Helena Duarte', requests: [expect.objectContaining({ id: lamp.id })] })]);

      const onlyOtherOrgan = await desk.startAttendance();
      const alone = await desk.register(BULKY, { attendanceId: onlyOtherOrgan.id });
      expect(await search(onlyOtherOrgan.protocol, lighting)).toEqual([]);
      await server.http.get(`/api/attendances/${onlyOtherOrgan.id}`).set(lighting).expect(403);
      await server.http.get(`/api/requests/${alone.id}`).set(lighting).expect(403);
    });

    it('does not see the caller’s number or what they typed in the URA', async () => {
      const attendance = await desk.startAttendance();
      await desk.register(LAMP, { attendanceId: attendance.id });
      // As the CTI records an answered call (CallStarts).
      await server.app
        .get(DataSource)
        .query(`UPDATE attendances SET call_id = '1733400000.42', caller_number = '11955554444', caller_e164 = '+5511955554444', wait_seconds = 3, ura = '{"cpf": "11144477735"}' WHERE id = $1`, [attendance.id]);
      expect((await view(attendance.id, desk.attendant)).call).toMatchObject({ callerNumber: '11955554444', ura: { cpf: '11144477735' } });
      expect((await view(attendance.id, lighting)).call).toBeNull();
      const pdf = await pdfText((await server.http.get(`/api/attendances/${attendance.id}/pdf`).set(lighting).buffer(true).parse(binary).expect(200)).body);
      expect(pdf).not.toMatch(/5554.?4444|111\.?444\.?777/);
    });

    it('sees only the requesters of its organ’s requests', async () => {
      const requester = await newCustomer('Otávio Requerente');
      const stranger = await newCustomer('Sílvia Estranha');
      await desk.register(LAMP, { customerId: requester.id });
      await desk.register(BULKY, { customerId: stranger.id });

      await server.http.get(`/api/customers/${requester.id}`).set(lighting).expect(200);
      const refused = await server.http.get(`/api/customers/${stranger.id}`).set(lighting).expect(403);
      expect(refused.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN', message: 'Este cliente não tem solicitações do seu órgão.' });
      await server.http.get(`/api/customers/${stranger.id}`).set(cleaning).expect(200);
      const found = async (document: string, auth: Auth) => (await server.http.get(`/api/customers?document=${document}`).set(auth).expect(200)).body.items.map((item: { id: string }) => item.id);
      expect(await found(requester.document, lighting)).toEqual([requester.id]);
      expect(await found(stranger.document, lighting)).toEqual([]);
      expect(await found(stranger.document, desk.attendant)).toEqual([stranger.id]);

      // A customer linked after the organ's request was registered requested nothing of it: not shown.
      const attendance = await desk.startAttendance();
      await desk.register(LAMP, { attendanceId: attendance.id });
      await server.http.put(`/api/attendances/${attendance.id}/customer`).set(desk.attendant).send({ customerId: stranger.id }).expect(200);
      expect((await view(attendance.id, lighting)).customer).toBeNull();
      expect((await server.http.get(`/api/attendances?q=${attendance.protocol}`).set(lighting).expect(200)).body.items).toEqual([
        expect.objectContaining({ id: attendance.id, customerName: null }),
      ]);
      expect((await view(attendance.id, desk.attendant)).customer).toMatchObject({ id: stranger.id });
    });
  });
});
