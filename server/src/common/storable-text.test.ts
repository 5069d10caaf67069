import { DataSource } from 'typeorm';
import { apiErrorSchema } from '@receptivo/shared';
import { requestDesk } from '../testing/request-fixtures';
import { type TestApp, startTestApp } from '../testing/test-app';
import { findUnstorableText } from './storable-text';

describe('text PostgreSQL cannot store', () => {
  it('finds U+0000 and lone surrogates by path, in values and keys, and lets emoji and accents through', () => {
    expect(findUnstorableText({ name: 'Conceição 😀', phones: [{ number: '11' }] })).toBeUndefined();
    expect(findUnstorableText({ phones: [{ number: '11' }, { number: '1\u00001' }] })).toEqual(['phones', '1', 'number']);
    expect(findUnstorableText({ address: { street: 'Rua \ud800' } })).toEqual(['address', 'street']);
    expect(findUnstorableText({ form: { 'ba\u0000d': 'x' } })).toEqual(['form', 'ba\uFFFDd']);
    expect(findUnstorableText('\udc00', ['q'])).toEqual(['q']);
    expect(findUnstorableText(Buffer.from([0]))).toBeUndefined();
  });

  describe('on the real server: 400 naming the field, nothing written', () => {
    let server: TestApp;
    let tokens: { attendant: string; supervisor: string; admin: string };
    const count = async (table: string) => (await server.app.get(DataSource).query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
    const tables = ['users', 'customers', 'customer_phones', 'customer_addresses', 'organs', 'attendances', 'requests', 'request_events', 'request_attachments'];
    let registered: { id: string; attendanceId: string; requestTypeId: string };
    let before: Record<string, number>;

    const expectRefused = (response: { status: number; body: unknown }, field: string) => {
      expect({ status: response.status, body: apiErrorSchema.parse(response.body) }).toEqual({
        status: 400,
        body: {
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: `O campo "${field}" contém um caractere inválido.`,
          fields: { [field]: 'Contém um caractere inválido.' },
          requestId: expect.any(String),
        },
      });
    };

    beforeAll(async () => {
      server = await startTestApp();
      tokens = { attendant: await server.login('attendant'), supervisor: await server.login('supervisor'), admin: await server.login('admin') };
      const desk = await requestDesk(server);
      const [firstType] = (await server.http.get('/api/categories').set(desk.attendant)).body.items.flatMap(
        (category: { requestTypes: { name: string }[] }) => category.requestTypes,
      );
      registered = { ...(await desk.register(firstType.name)), requestTypeId: desk.type(firstType.name).id };
    });
    afterAll(() => server.close());
    beforeEach(async () => {
      before = Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await count(table)])));
    });
    afterEach(async () => {
      expect(Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await count(table)])))).toEqual(before);
    });

    it('the audit request: login with U+0000 in the username, no token needed', async () => {
      const response = await server.http
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"username":"admin\\u0000","password":"whatever"}');
      expectRefused(response, 'username');
    });

    it('a customer name with U+0000 and an address with a lone surrogate', async () => {
      const auth = { Authorization: `Bearer ${tokens.attendant}` };
      const customer = { type: 'person', name: 'Maria\u0000 Silva', document: '111.444.777-35' };
      expectRefused(await server.http.post('/api/customers').set(auth).send(customer), 'name');
      const address = { cep: '01310-100', street: 'Avenida \ud800Paulista', number: '1', neighborhood: 'Bela Vista', city: 'São Paulo', state: 'SP' };
      // JSON.stringify writes the lone surrogate as the escape \ud800, as a client would send it.
      const body = JSON.stringify({ ...customer, name: 'Maria Silva', addresses: [address] });
      expectRefused(await server.http.post('/api/customers').set(auth).set('Content-Type', 'application/json').send(body), 'addresses.0.street');
    });

    it('query strings and route parameters', async () => {
      const auth = { Authorization: `Bearer ${tokens.attendant}` };
      expectRefused(await server.http.get('/api/customers?name=Maria%00').set(auth), 'name');
      expectRefused(await server.http.get('/api/search?q=%00').set(auth), 'q');
      expectRefused(await server.http.get('/api/customers/%00').set(auth), 'id');
      expectRefused(await server.http.get('/api/attendances/abc%00/pdf').set(auth), 'id');
    });

    it('a multipart reiteration and a request form key', async () => {
      const auth = { Authorization: `Bearer ${tokens.attendant}` };
      const reiteration = server.http
        .post(`/api/requests/${registered.id}/reiterate`)
        .set(auth)
        .field('description', 'Ainda sem solução\u0000')
        .attach('files', Buffer.from('%PDF-1.4\n%%EOF\n'), 'laudo.pdf');
      expectRefused(await reiteration, 'description');
      // The attendance the first request was registered in is still open and takes another.
      const registration = { requestTypeId: registered.requestTypeId, form: { 'campo\u0000': 'x' } };
      expectRefused(await server.http.post(`/api/attendances/${registered.attendanceId}/requests`).set(auth).send(registration), 'form.campo\uFFFD');
    });

    it('administration: an organ and a user', async () => {
      const organ = { name: 'Secretaria\u0000 de Obras' };
      expectRefused(await server.http.post('/api/knowledge/organs').set({ Authorization: `Bearer ${tokens.supervisor}` }).send(organ), 'name');
      const user = { username: 'maria.silva', name: 'Maria da Silva', role: 'attendant', extension: '20\u00001' };
      expectRefused(await server.http.post('/api/users').set({ Authorization: `Bearer ${tokens.admin}` }).send(user), 'extension');
    });
  });
});
