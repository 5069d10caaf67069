import { DataSource } from 'typeorm';
import { customerAccessListSchema, customerDataReportSchema, customerListSchema } from '@receptivo/shared';
import { type Auth, type RequestDesk, bearer, binary, pdfText, requestDesk } from '../testing/request-fixtures';
import { type TestApp, startTestApp } from '../testing/test-app';

describe('customer access audit (LGPD)', () => {
  let server: TestApp;
  let desk: RequestDesk;
  let supervisor: Auth;
  let customerId: string;
  let names: { attendant: string; admin: string; supervisor: string };

  const accesses = async (query: string, auth: Auth = desk.admin) =>
    customerAccessListSchema.parse((await server.http.get(`/api/customer-access?${query}`).set(auth).expect(200)).body);
  const userIdOf = async (role: string) =>
    (await server.app.get(DataSource).query<{ id: string }[]>('SELECT id FROM users WHERE role = $1 ORDER BY created_at LIMIT 1', [role]))[0].id;

  beforeAll(async () => {
    server = await startTestApp();
    desk = await requestDesk(server);
    supervisor = bearer(await server.login('supervisor'));
    const created = await server.http
      .post('/api/customers')
      .set(desk.attendant)
      .send({ type: 'person', name: 'Lúcia Auditada', document: '692.660.197-63', email: 'lucia@example.com', phones: [{ number: '11 97654-3210' }] })
      .expect(201);
    customerId = created.body.id;
    const me = async (auth: Auth) => (await server.http.get('/api/auth/me').set(auth).expect(200)).body.name as string;
    names = { attendant: await me(desk.attendant), admin: await me(desk.admin), supervisor: await me(supervisor) };
  });
  afterAll(() => server.close());

  it('records who read the record found through a search, when, and from which route and screen', async () => {
    // The audit: any role found a customer and read the record; nothing said who had looked.
    const found = customerListSchema.parse((await server.http.get('/api/customers?q=692.660.197-63').set(desk.attendant).expect(200)).body);
    expect(found.items.map((item) => [item.id, item.document])).toEqual([[customerId, '***.660.197-**']]);
    const before = Date.now();
    const record = await server.http.get(`/api/customers/${found.items[0].id}`).set(desk.attendant).set('X-Receptivo-Screen', 'clientes').expect(200);
    expect(record.body.document).toBe('69266019763');

    const { items, total } = await accesses(`customerId=${customerId}`);
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      customer: { id: customerId, name: 'Lúcia Auditada', document: '***.660.197-**' },
      user: { id: await userIdOf('attendant'), name: names.attendant },
      route: 'GET /api/customers/:id',
      screen: 'clientes',
    });
    expect(new Date(items[0].accessedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('records the history read, and nothing for a search or for a customer that does not exist', async () => {
    await server.http.get(`/api/customers/${customerId}/history`).set(supervisor).expect(200);
    await server.http.get('/api/customers?q=Lúcia Auditada').set(supervisor).expect(200);
    await server.http.get('/api/customers/00000000-0000-4000-8000-000000000000').set(supervisor).expect(404);
    await server.http.get('/api/customers/nope').set(supervisor).expect(404);

    const bySupervisor = await accesses(`userId=${await userIdOf('supervisor')}`);
    expect(bySupervisor.items.map((item) => [item.route, item.screen, item.customer.id])).toEqual([['GET /api/customers/:id/history', null, customerId]]);
  });

  it('lists per customer (by id or by the whole CPF) and per user, the latest first, in pages', async () => {
    for (let read = 0; read < 3; read++) await server.http.get(`/api/customers/${customerId}`).set(desk.admin).expect(200);
    const byCustomer = await accesses(`document=${encodeURIComponent('692.660.197-63')}&pageSize=2`);
    expect(byCustomer.total).toBe(5);
    expect(byCustomer.items).toHaveLength(2);
    expect(byCustomer.items.map((item) => item.user.name)).toEqual([names.admin, names.admin]);
    const lastPage = await accesses(`customerId=${customerId}&pageSize=2&page=3`);
    expect(lastPage.items.map((item) => item.user.name)).toEqual([names.attendant]);

    const byAdminAndCustomer = await accesses(`customerId=${customerId}&userId=${await userIdOf('admin')}`);
    expect(byAdminAndCustomer.total).toBe(3);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(new Date());
    expect((await accesses(`customerId=${customerId}&from=2020-01-01&to=2020-12-31`)).total).toBe(0);
    expect((await accesses(`customerId=${customerId}&from=${today}&to=${today}`)).total).toBe(5);
  });

  it('refuses a partial document and an inverted period with the field named', async () => {
    const partial = await server.http.get('/api/customer-access?document=529.982').set(desk.admin).expect(400);
    expect(partial.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: { document: 'Informe o CPF ou CNPJ completo.' } });
    const inverted = await server.http.get('/api/customer-access?from=2026-02-01&to=2026-01-01').set(desk.admin).expect(400);
    expect(inverted.body.fields).toEqual({ to: 'A data final é anterior à inicial.' });
  });

  it('exports the list as CSV for Excel, every matching access in it', async () => {
    const response = await server.http.get(`/api/customer-access/csv?customerId=${customerId}`).set(desk.admin).buffer(true).parse(binary).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="?acessos-a-dados-de-clientes-\d{4}-\d{2}-\d{2}\.csv"?$/);
    const lines = (response.body as Buffer).toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Data e hora (Brasília);Cliente;CPF/CNPJ;Usuário;Rota;Tela');
    expect(lines).toHaveLength(1 + 5);
    expect(lines.at(-1)).toMatch(new RegExp(`^\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2};Lúcia Auditada;\\*\\*\\*\\.660\\.197-\\*\\*;${names.attendant};GET /api/customers/:id;clientes$`));
  });

  it('refuses the audit and the data report to every role but admin, with the one error shape', async () => {
    const backoffice = bearer(await server.login('backoffice'));
    for (const auth of [desk.attendant, supervisor, backoffice]) {
      for (const path of ['/api/customer-access', `/api/customer-access?customerId=${customerId}`, '/api/customer-access/csv', `/api/customers/${customerId}/data-report`]) {
        const response = await server.http.get(path).set(auth).expect(403);
        expect(response.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      }
    }
  });

  it("reports everything held about the customer, attendances and requests included, and audits the report", async () => {
    const request = await desk.register('Lâmpada apagada', { customerId });
    await server.http.post(`/api/customers/${customerId}/portal-account`).set(desk.attendant).expect(201);
    const before = (await accesses(`customerId=${customerId}`)).total;

    const response = await server.http.get(`/api/customers/${customerId}/data-report`).set(desk.admin).set('X-Receptivo-Screen', 'administracao').expect(200);
    const report = customerDataReportSchema.parse(response.body);
    expect(report.customer).toMatchObject({ id: customerId, document: '69266019763', email: 'lucia@example.com' });
    expect(report.customer.phones.map((phone) => phone.e164)).toEqual(['+5511976543210']);
    expect(report.customer.portalAccount?.login).toBe('69266019763');
    expect(JSON.stringify(response.body)).not.toMatch(/password_hash|passwordHash|\$argon2/);
    expect(report.attendances.map((attendance) => attendance.id)).toEqual([request.attendanceId]);
    expect(report.attendances[0].requests.map((item) => item.protocol)).toEqual([request.protocol]);
    expect(report.requests.map((item) => [item.protocol, item.timeline.length > 0])).toEqual([[request.protocol, true]]);
    expect(report.accesses.length).toBeGreaterThanOrEqual(before);

    const after = await accesses(`customerId=${customerId}`);
    expect(after.total).toBe(before + 1);
    expect(after.items[0]).toMatchObject({ route: 'GET /api/customers/:id/data-report', screen: 'administracao', user: { name: names.admin } });
  });

  it("records the reads of the customer's documents: attendance, request and their PDFs; not a refused one", async () => {
    const request = await desk.register('Lâmpada apagada', { customerId });
    const since = (await accesses(`customerId=${customerId}`)).total;
    await server.http.get(`/api/attendances/${request.attendanceId}`).set(supervisor).expect(200);
    await server.http.get(`/api/attendances/${request.attendanceId}/pdf`).set(supervisor).expect(200);
    await server.http.get(`/api/requests/${request.id}`).set(supervisor).expect(200);
    await server.http.get(`/api/requests/${request.id}/pdf`).set(supervisor).expect(200);
    const latest = await accesses(`customerId=${customerId}&pageSize=4`);
    expect(latest.total).toBe(since + 4);
    expect(latest.items.map((item) => item.route).sort()).toEqual(
      ['GET /api/attendances/:id', 'GET /api/attendances/:id/pdf', 'GET /api/requests/:id', 'GET /api/requests/:id/pdf'].sort(),
    );

    // Another organ's back office is refused the request: nobody saw it, nothing is recorded.
    const [other] = await server.app.get(DataSource).query<{ name: string }[]>('SELECT name FROM organs WHERE name <> $1 ORDER BY name LIMIT 1', [request.organName]);
    const outsider = await desk.backoffice(other.name);
    await server.http.get(`/api/requests/${request.id}`).set(outsider).expect(403);
    // An attendance without a customer is nobody's data to record.
    const anonymous = await desk.startAttendance();
    await server.http.get(`/api/attendances/${anonymous.id}`).set(supervisor).expect(200);
    expect((await accesses(`customerId=${customerId}`)).total).toBe(since + 4);
  });

  it("gives the back office the requester's CPF masked in the record, the request, the attendance and their PDFs", async () => {
    // The audit: the back office read every customer's whole CPF.
    const request = await desk.register('Lâmpada apagada', { customerId });
    const organ = await desk.backoffice(request.organName);
    const record = await server.http.get(`/api/customers/${customerId}`).set(organ).expect(200);
    expect(record.body.document).toBe('***.660.197-**');
    expect(record.body.portalAccount.login).toBe('***.660.197-**');
    expect((await server.http.get(`/api/requests/${request.id}`).set(organ).expect(200)).body.customer.document).toBe('***.660.197-**');
    expect((await server.http.get(`/api/attendances/${request.attendanceId}`).set(organ).expect(200)).body.customer.document).toBe('***.660.197-**');
    for (const path of [`/api/requests/${request.id}/pdf`, `/api/attendances/${request.attendanceId}/pdf`]) {
      const pdf = await pdfText((await server.http.get(path).set(organ).buffer(true).parse(binary).expect(200)).body as Buffer);
      expect(pdf).toContain('***.660.197-**');
      expect(pdf).not.toContain('692.660.197-63');
    }
    // The desk's roles keep it whole in the record.
    expect((await server.http.get(`/api/requests/${request.id}`).set(supervisor).expect(200)).body.customer.document).toBe('69266019763');
  });

  it('refuses the read when its access cannot be recorded, rather than hand out data nobody will know was seen', async () => {
    const database = server.app.get(DataSource);
    const before = (await accesses(`customerId=${customerId}`)).total;
    await database.query('ALTER TABLE customer_accesses RENAME TO customer_accesses_away');
    try {
      const response = await server.http.get(`/api/customers/${customerId}`).set(desk.attendant).expect(500);
      expect(response.body).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR' });
      expect(JSON.stringify(response.body)).not.toContain('69266019763');
    } finally {
      await database.query('ALTER TABLE customer_accesses_away RENAME TO customer_accesses');
    }
    expect((await accesses(`customerId=${customerId}`)).total).toBe(before);
  });

  it('answers 404 for the report of a customer that does not exist', async () => {
    const response = await server.http.get('/api/customers/00000000-0000-4000-8000-000000000000/data-report').set(desk.admin).expect(404);
    expect(response.body).toMatchObject({ code: 'NOT_FOUND', message: 'Cliente não encontrado.' });
  });
});
