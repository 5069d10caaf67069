import { DataSource } from 'typeorm';
import {
  apiErrorSchema,
  attendanceSchema,
  attendanceSearchResultSchema,
  portalCatalogSchema,
  portalKnowledgeResultsSchema,
  portalProtocolsSchema,
  portalRequestSchema,
  requestSchema,
} from '@receptivo/shared';
import { citizenSignedInByMail } from '../testing/portal-citizen';
import { type RequestDesk, address, requestDesk, validForm } from '../testing/request-fixtures';
import { type SmtpListener, startSmtpListener } from '../testing/smtp-listener';
import { type TestApp, startTestApp } from '../testing/test-app';

const LAMP = 'Lâmpada apagada';

describe('Nova solicitação and Informações on the self-service portal', () => {
  let smtp: SmtpListener;
  let server: TestApp;
  let desk: RequestDesk;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    server = await startTestApp({ SMTP_URL: smtp.url });
    desk = await requestDesk(server);
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  /** A customer registered at the desk who signed in on the portal: the temporary session, and the session after choosing a password. */
  async function citizen(name: string, document: string, email: string) {
    const signedIn = await citizenSignedInByMail(server, smtp, desk.attendant, { name, document, email });
    return { ...signedIn, session: await signedIn.choosePassword() };
  }

  const countRows = async (table: 'attendances' | 'requests') =>
    Number((await server.app.get(DataSource).query<{ count: string }[]>(`SELECT count(*) FROM ${table}`))[0].count);

  it('offers the active request types with their forms, and registers a request that groups with the desk’s at the same address', async () => {
    const lucia = await citizen('Lúcia Farias', '314.159.265-90', 'lucia.portal@example.com');
    const answered = await server.http.get('/api/portal/catalog').set(lucia.session).expect(200);
    const catalog = portalCatalogSchema.parse(answered.body);
    const lamp = catalog.categories.flatMap((category) => category.requestTypes).find((type) => type.name === LAMP);
    expect(lamp).toMatchObject({ organName: 'Departamento de Iluminação Pública', addressRequired: true, formSchema: desk.type(LAMP).formSchema });
    // The attendants' guidance stays on the desk (looked for in what was sent: the schema would drop it).
    expect(answered.text).not.toContain('operatorGuidance');

    // A type deactivated by the admin leaves the catalog and cannot be registered.
    const pothole = desk.type('Buraco na via');
    await server.http.patch(`/api/knowledge/request-types/${pothole.id}`).set(desk.admin).send({ active: false }).expect(200);
    const afterDeactivation = portalCatalogSchema.parse((await server.http.get('/api/portal/catalog').set(lucia.session).expect(200)).body);
    expect(afterDeactivation.categories.flatMap((category) => category.requestTypes).map((type) => type.id)).not.toContain(pothole.id);

    // A neighbour called the desk about the same lamp.
    const byPhone = await desk.register(LAMP, { street: 'Rua Jaguaribe', number: '512' });

    const before = { attendances: await countRows('attendances'), requests: await countRows('requests') };
    const refusals = [
      { body: { requestTypeId: lamp!.id, form: {}, address: address('Rua Jaguaribe', '512') }, field: `form.${Object.keys(validForm(lamp!.formSchema))[0]}` },
      { body: { requestTypeId: lamp!.id, form: validForm(lamp!.formSchema) }, field: 'address' },
      { body: { requestTypeId: pothole.id, form: validForm(pothole.formSchema), address: address('Rua Jaguaribe', '512') }, field: 'requestTypeId' },
      { body: { requestTypeId: lamp!.id, form: validForm(lamp!.formSchema), address: { ...address('Rua Jaguaribe', '512'), cep: '0131' } }, field: 'address.cep' },
    ];
    for (const { body, field } of refusals) {
      const refused = apiErrorSchema.parse((await server.http.post('/api/portal/requests').set(lucia.session).send(body).expect(400)).body);
      expect(refused.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(refused.fields ?? {})).toContain(field);
    }
    // Refused before any change: no attendance, no request, no protocol left behind.
    expect({ attendances: await countRows('attendances'), requests: await countRows('requests') }).toEqual(before);

    const registered = await server.http
      .post('/api/portal/requests')
      .set(lucia.session)
      .send({ requestTypeId: lamp!.id, form: validForm(lamp!.formSchema), address: { ...address('Rua Jaguaribe', '512'), street: 'rua  jaguaribe' } })
      .expect(201);
    const request = portalRequestSchema.parse(registered.body);
    expect(request).toMatchObject({ typeName: LAMP, status: 'open', groupFirstProtocol: byPhone.protocol, allowedActions: expect.arrayContaining(['cancel']) });
    expect(request.timeline).toEqual([
      expect.objectContaining({ kind: 'registered', viaPortal: true, description: expect.stringContaining('pelo cidadão no Autoatendimento') }),
      expect.objectContaining({ kind: 'grouped', viaPortal: true }),
    ]);

    // Meus protocolos lists it, in a finished web attendance.
    const protocols = portalProtocolsSchema.parse((await server.http.get('/api/portal/protocols').set(lucia.session).expect(200)).body);
    expect(protocols.requests.map((item) => item.protocol)).toEqual([request.protocol]);
    expect(protocols.attendances).toEqual([expect.objectContaining({ channel: 'web', status: 'finished', requestTypeNames: [LAMP] })]);

    // The desk sees who registered it and where it came from; the back office works it like any other.
    const seenByDesk = requestSchema.parse((await server.http.get(`/api/requests/${request.id}`).set(desk.attendant).expect(200)).body);
    expect(seenByDesk).toMatchObject({ registeredBy: 'Autoatendimento', customer: expect.objectContaining({ id: lucia.id }), groupOf: { id: byPhone.id, protocol: byPhone.protocol } });
    const attendance = attendanceSchema.parse((await server.http.get(`/api/attendances/${seenByDesk.attendanceId}`).set(desk.attendant).expect(200)).body);
    expect(attendance).toMatchObject({ channel: 'web', status: 'finished', attendant: null, holder: null, webOrigin: 'portal', customer: expect.objectContaining({ id: lucia.id }) });
    const search = attendanceSearchResultSchema.parse((await server.http.get('/api/attendances?channel=web').set(desk.attendant).expect(200)).body);
    expect(search.items).toEqual([expect.objectContaining({ protocol: attendance.protocol, attendantName: 'Autoatendimento' })]);
    const lighting = await desk.backoffice('Departamento de Iluminação Pública');
    await server.http.post(`/api/requests/${byPhone.id}/status`).set(lighting).send({ status: 'in_progress' }).expect(200);
    const followed = portalRequestSchema.parse((await server.http.get(`/api/portal/requests/${request.id}`).set(lucia.session).expect(200)).body);
    expect(followed.status).toBe('in_progress');
  });

  it('registers nothing without a citizen session (none, a staff token, one the password change ended) or with a malformed body', async () => {
    const caio = await citizen('Caio Prado', '271.828.182-05', 'caio.portal@example.com');
    const lamp = desk.type(LAMP);
    const body = { requestTypeId: lamp.id, form: validForm(lamp.formSchema), address: address('Rua Augusta', '10') };
    const before = await countRows('requests');
    expect(apiErrorSchema.parse((await server.http.post('/api/portal/requests').send(body).expect(401)).body).code).toBe('TOKEN_MISSING');
    expect(apiErrorSchema.parse((await server.http.post('/api/portal/requests').set(desk.attendant).send(body).expect(401)).body).code).toBe('TOKEN_INVALID');
    expect(apiErrorSchema.parse((await server.http.post('/api/portal/requests').set(caio.temporary).send(body).expect(401)).body).code).toBe('TOKEN_INVALID');
    const malformed = apiErrorSchema.parse((await server.http.post('/api/portal/requests').set(caio.session).set('Content-Type', 'application/json').send('{"requestTypeId":').expect(400)).body);
    expect(malformed.code).toBe('VALIDATION_FAILED');
    expect(await countRows('requests')).toBe(before);
  });

  it('searches the published informations for anyone, and never shows an unpublished one', async () => {
    const search = async (q: string) =>
      portalKnowledgeResultsSchema.parse((await server.http.get(`/api/portal/knowledge?q=${encodeURIComponent(q)}`).expect(200)).body).items;

    const ecopontos = await search('ecoponto entulho');
    expect(ecopontos[0]).toMatchObject({ title: 'Descarte de entulho e Ecopontos', categoryName: expect.any(String) });
    expect(ecopontos[0].body).toContain('<');
    // A typo finds it as on the desk.
    expect((await search('lampada apagda')).map((item) => item.title)).toContain('Lâmpada apagada em via pública');
    expect((await search('lampada apagada'))[0].requestTypes).toEqual([expect.objectContaining({ name: LAMP })]);

    // "Poste danificado…" is for attendants only until an admin publishes it.
    const unpublished = 'Poste danificado, caído ou com fiação exposta';
    expect((await search('poste danificado fiação')).map((item) => item.title)).not.toContain(unpublished);
    const all = await search('');
    expect(all.length).toBeGreaterThan(5);
    expect(all.map((item) => item.title)).not.toContain(unpublished);

    const [row] = await server.app.get(DataSource).query<{ id: string }[]>('SELECT id FROM informations WHERE title = $1', [unpublished]);
    await server.http.patch(`/api/knowledge/informations/${row.id}`).set(desk.admin).send({ published: true }).expect(200);
    expect((await search('poste danificado fiação'))[0].title).toBe(unpublished);

    const tooLong = apiErrorSchema.parse((await server.http.get(`/api/portal/knowledge?q=${'a'.repeat(201)}`).expect(400)).body);
    expect(tooLong.code).toBe('VALIDATION_FAILED');
  });
});
