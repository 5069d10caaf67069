import { DataSource } from 'typeorm';
import { attendanceSchema, formatProtocol, parseProtocol, requestSchema } from '@receptivo/shared';
import { type SmtpListener, startSmtpListener } from '../testing/smtp-listener';
import { type TestApp, startTestApp } from '../testing/test-app';

describe('attendances', () => {
  let smtp: SmtpListener;
  let server: TestApp;
  let auth: { Authorization: string };
  let lampTypeId: string;
  let lampSchema: { required?: string[]; properties: Record<string, { type: string; enum?: string[] }> };
  let informationIds: string[];
  let customerWithEmail: string;

  const count = async (table: string) => (await server.app.get(DataSource).query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const start = async () => attendanceSchema.parse((await server.http.post('/api/attendances').set(auth).send({ channel: 'phone' }).expect(201)).body);
  /** A valid answer for the seeded "Lâmpada apagada" form, whatever its exact fields. */
  const lampForm = () =>
    Object.fromEntries(
      Object.entries(lampSchema.properties)
        .filter(([name]) => lampSchema.required?.includes(name))
        .map(([name, property]) => [name, property.enum?.[0] ?? (property.type === 'string' ? 'Poste 123' : 1)]),
    );
  const address = (street: string, number: string) => ({ cep: '01310-100', street, number, neighborhood: 'Bela Vista', city: 'São Paulo', state: 'SP' });

  beforeAll(async () => {
    smtp = await startSmtpListener();
    server = await startTestApp({ SMTP_URL: smtp.url });
    auth = { Authorization: `Bearer ${await server.login('attendant')}` };
    const tree = (await server.http.get('/api/categories').set(auth).expect(200)).body.items;
    const lighting = tree.find((category: { name: string }) => category.name === 'Iluminação pública');
    const lamp = lighting.requestTypes.find((type: { name: string }) => type.name.startsWith('Lâmpada apagada'));
    lampTypeId = lamp.id;
    lampSchema = lamp.formSchema;
    informationIds = lighting.informations.slice(0, 2).map((information: { id: string }) => information.id);
    customerWithEmail = (await server.http.get('/api/customers?phone=11955554444').set(auth).expect(200)).body.items[0].id;
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  it('gives 100 parallel starts 100 distinct protocols with valid check digits', async () => {
    const year = new Intl.DateTimeFormat('en', { timeZone: 'America/Sao_Paulo', year: 'numeric' }).format(new Date());
    const started = await Promise.all(Array.from({ length: 100 }, () => start()));
    const protocols = started.map((attendance) => attendance.protocol);
    expect(new Set(protocols).size).toBe(100);
    for (const protocol of protocols) {
      expect(parseProtocol(protocol)).toBe(protocol);
      expect(protocol.startsWith(year)).toBe(true);
    }
  });

  it('numbers protocols in the database: year, at least six sequence digits, a Luhn digit the desk accepts', async () => {
    const sequences = ['1', '42', '731905', '999999', '1000000', '12345678'];
    const made = await server.app.get(DataSource).query<{ protocol: string }[]>('SELECT protocol_digits(2026, n::bigint) AS protocol FROM unnest($1::text[]) AS n', [sequences]);
    expect(made.map((row) => formatProtocol(row.protocol))).toEqual([
      expect.stringMatching(/^2026\.000001-\d$/),
      '2026.000042-5',
      '2026.731905-9',
      expect.stringMatching(/^2026\.999999-\d$/),
      expect.stringMatching(/^2026\.1000000-\d$/),
      expect.stringMatching(/^2026\.12345678-\d$/),
    ]);
    for (const { protocol } of made) expect(parseProtocol(protocol)).toBe(protocol);
  });

  it('gives a check digit the desk accepts for sequences of every length it reads (6 to 9 digits), and refuses a changed one', async () => {
    const sequences = Array.from({ length: 7 }, (_, power) => [10n ** BigInt(power + 2) - 1n, 10n ** BigInt(power + 2) + 7n]).flat();
    sequences.push(...Array.from({ length: 200 }, (_, index) => BigInt(index * 7919 + 3)));
    const made = await server.app.get(DataSource).query<{ protocol: string }[]>(
      'SELECT protocol_digits(y, n::bigint) AS protocol FROM unnest($1::text[]) AS n CROSS JOIN (VALUES (2025), (2026)) AS years (y)',
      [sequences.map(String)],
    );
    expect(made).toHaveLength(sequences.length * 2);
    for (const { protocol } of made) {
      expect(parseProtocol(protocol)).toBe(protocol);
      const check = Number(protocol.at(-1));
      expect(parseProtocol(`${protocol.slice(0, -1)}${(check + 1) % 10}`)).toBeUndefined();
    }
  });

  it('keeps the open attendance for the attendant across requests (a reload)', async () => {
    const attendance = await start();
    const current = (await server.http.get('/api/attendances/current').set(auth).expect(200)).body.attendance;
    expect(current.id).toBe(attendance.id);
    expect(current).toMatchObject({ status: 'open', channel: 'phone', customer: null, informations: [], requests: [] });
  });

  it('links a customer, registers informations once each and a request with its own protocol and deadline', async () => {
    const attendance = await start();
    const linked = await server.http.put(`/api/attendances/${attendance.id}/customer`).set(auth).send({ customerId: customerWithEmail }).expect(200);
    expect(linked.body.customer).toMatchObject({ name: 'Carlos Souza', primaryPhone: { display: '(11) 95555-4444' } });

    for (const informationId of informationIds) {
      await server.http.post(`/api/attendances/${attendance.id}/informations`).set(auth).send({ informationId }).expect(201);
    }
    const again = await server.http.post(`/api/attendances/${attendance.id}/informations`).set(auth).send({ informationId: informationIds[0] }).expect(409);
    expect(again.body.message).toBe('Esta informação já foi registrada neste atendimento.');

    const before = Date.now();
    const request = requestSchema.parse(
      (
        await server.http
          .post(`/api/attendances/${attendance.id}/requests`)
          .set(auth)
          .send({ requestTypeId: lampTypeId, form: { ...lampForm(), intruso: 'campo que o formulário não tem' }, address: address('Rua Haddock Lobo', '595') })
          .expect(201)
      ).body,
    );
    expect(request.form).toEqual(lampForm());
    expect(request).toMatchObject({ status: 'open', groupOf: null, attendanceProtocol: attendance.protocol, customer: { name: 'Carlos Souza' } });
    expect(parseProtocol(request.protocol)).toBe(request.protocol);
    expect(request.protocol).not.toBe(attendance.protocol);
    expect(Date.parse(request.deadline) - before).toBeGreaterThan(71 * 3_600_000);

    const summary = attendanceSchema.parse((await server.http.get(`/api/attendances/${attendance.id}`).set(auth).expect(200)).body);
    expect(summary.informations).toHaveLength(2);
    expect(summary.requests.map((item) => item.protocol)).toEqual([request.protocol]);
  });

  it('refuses form data that breaks the type’s schema, and a missing address, with field errors and nothing written', async () => {
    const attendance = await start();
    const before = await count('requests');
    const [firstRequired] = lampSchema.required ?? [];
    const response = await server.http
      .post(`/api/attendances/${attendance.id}/requests`)
      .set(auth)
      .send({ requestTypeId: lampTypeId, form: { ...lampForm(), [firstRequired]: undefined, desconhecido: 'x' } })
      .expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.fields[`form.${firstRequired}`]).toBe('Campo obrigatório.');
    expect(response.body.fields.address).toBe('Informe o endereço.');
    expect(await count('requests')).toBe(before);
  });

  it('groups 10 simultaneous registrations at one address, written in different ways, into one group', async () => {
    const ways = ['R. Augusta', 'Rua Augusta', 'RUA AUGUSTA', 'rua augusta', 'R Augusta', 'Rua  Augusta', 'rua Augusta', 'R. AUGUSTA', 'Rua Augusta.', 'r. augusta'];
    const attendances = await Promise.all(ways.map(() => start()));
    const registered = await Promise.all(
      attendances.map((attendance, index) =>
        server.http
          .post(`/api/attendances/${attendance.id}/requests`)
          .set(auth)
          .send({ requestTypeId: lampTypeId, form: lampForm(), address: { ...address(ways[index], '1500'), complement: `apto ${index}` } })
          .expect(201)
          .then((response) => requestSchema.parse(response.body)),
      ),
    );
    const leaders = registered.filter((request) => request.groupOf === null);
    expect(leaders).toHaveLength(1);
    const [leader] = leaders;
    for (const request of registered) {
      if (request.id !== leader.id) expect(request.groupOf).toEqual({ id: leader.id, protocol: leader.protocol });
    }
    expect(new Set(registered.map((request) => request.protocol)).size).toBe(10);
    const view = requestSchema.parse((await server.http.get(`/api/requests/${leader.id}`).set(auth).expect(200)).body);
    expect(view.group.map((member) => member.id)[0]).toBe(leader.id);
    expect(view.group).toHaveLength(10);

    const elsewhere = await server.http
      .post(`/api/attendances/${attendances[0].id}/requests`)
      .set(auth)
      .send({ requestTypeId: lampTypeId, form: lampForm(), address: address('Rua Augusta', '1502') })
      .expect(201);
    expect(elsewhere.body.groupOf).toBeNull();
  });

  it('finishes with the script e-mailed: summary, proposed solutions and request protocols', async () => {
    const attendance = await start();
    await server.http.put(`/api/attendances/${attendance.id}/customer`).set(auth).send({ customerId: customerWithEmail }).expect(200);
    await server.http.post(`/api/attendances/${attendance.id}/informations`).set(auth).send({ informationId: informationIds[0] }).expect(201);
    const request = (
      await server.http
        .post(`/api/attendances/${attendance.id}/requests`)
        .set(auth)
        .send({ requestTypeId: lampTypeId, form: lampForm(), address: address('Alameda Santos', '10') })
        .expect(201)
    ).body;
    const information = (await server.http.get(`/api/informations/${informationIds[0]}`).set(auth).expect(200)).body;

    const finished = attendanceSchema.parse(
      (await server.http.post(`/api/attendances/${attendance.id}/finish`).set(auth).send({ sendScript: true }).expect(200)).body,
    );
    expect(finished).toMatchObject({ status: 'finished', scriptSentTo: 'carlos.souza@example.com' });

    const mail = await smtp.waitFor((message) => message.subject === `Atendimento ${formatProtocol(attendance.protocol)} — resumo e orientações`);
    expect(mail.to).toMatchObject({ text: 'carlos.souza@example.com' });
    expect(mail.text).toContain('Olá, Carlos Souza.');
    expect(mail.text).toContain(information.title);
    expect(mail.text).toContain(formatProtocol(request.protocol));
    expect(mail.html).toContain(information.proposedSolution);
    expect((await server.http.get('/api/attendances/current').set(auth).expect(200)).body.attendance?.id).not.toBe(attendance.id);
  });

  it('refuses sending the script without a customer e-mail, and keeps the attendance open', async () => {
    const attendance = await start();
    const response = await server.http.post(`/api/attendances/${attendance.id}/finish`).set(auth).send({ sendScript: true }).expect(422);
    expect(response.body.code).toBe('BUSINESS_RULE');
    expect((await server.http.get(`/api/attendances/${attendance.id}`).set(auth)).body.status).toBe('open');
  });

  it('a finalized attendance refuses every change', async () => {
    const attendance = await start();
    await server.http.post(`/api/attendances/${attendance.id}/finish`).set(auth).send({ sendScript: false }).expect(200);
    const refusals = await Promise.all([
      server.http.put(`/api/attendances/${attendance.id}/customer`).set(auth).send({ customerId: customerWithEmail }),
      server.http.post(`/api/attendances/${attendance.id}/informations`).set(auth).send({ informationId: informationIds[0] }),
      server.http.post(`/api/attendances/${attendance.id}/requests`).set(auth).send({ requestTypeId: lampTypeId, form: lampForm(), address: address('Rua X', '1') }),
      server.http.post(`/api/attendances/${attendance.id}/finish`).set(auth).send({ sendScript: false }),
    ]);
    for (const response of refusals) {
      expect(response.status).toBe(409);
      expect(response.body.message).toBe('Este atendimento já foi finalizado e não pode ser alterado.');
    }
  });

  it('finds requests and attendances by protocol in Busca geral, with or without separators', async () => {
    const attendance = await start();
    const request = (
      await server.http
        .post(`/api/attendances/${attendance.id}/requests`)
        .set(auth)
        .send({ requestTypeId: lampTypeId, form: lampForm(), address: address('Rua Bela Cintra', '77') })
        .expect(201)
    ).body;
    for (const typed of [request.protocol, formatProtocol(request.protocol)]) {
      const items = (await server.http.get(`/api/search?q=${encodeURIComponent(typed)}`).set(auth).expect(200)).body.items;
      expect(items[0]).toMatchObject({ kind: 'request', id: request.id });
    }
    const byAttendance = (await server.http.get(`/api/search?q=${attendance.protocol}`).set(auth).expect(200)).body.items;
    expect(byAttendance[0]).toMatchObject({ kind: 'attendance', id: attendance.id });
  });
});
