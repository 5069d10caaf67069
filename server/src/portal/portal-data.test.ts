import { portalDataSchema, portalRecordAccessesSchema } from '@receptivo/shared';
import { type Auth, bearer } from '../testing/request-fixtures';
import { signInCitizen } from '../testing/portal-citizen';
import { type TestApp, startTestApp } from '../testing/test-app';

describe('Meus dados on the self-service portal', () => {
  let server: TestApp;
  let desk: Auth;
  let citizen: Auth;
  let customerId: string;

  beforeAll(async () => {
    server = await startTestApp();
    desk = bearer(await server.login('attendant'));
    citizen = bearer(await signInCitizen(server, '493.161.021-89'));
    customerId = (await server.http.get('/api/customers?document=49316102189').set(desk).expect(200)).body.items[0].id;
  });
  afterAll(() => server.close());

  it('shows the record, and takes a corrected e-mail that the desk sees and the sign-in accepts', async () => {
    const data = portalDataSchema.parse((await server.http.get('/api/portal/my-data').set(citizen).expect(200)).body);
    expect(data).toMatchObject({ name: 'Cidadã de Teste', document: '493.161.021-89', email: 'cidada@example.com', phones: [expect.objectContaining({ primary: true })] });

    const invalid = await server.http.put('/api/portal/my-data/email').set(citizen).send({ email: 'sem-arroba' }).expect(400);
    expect(invalid.body.fields).toEqual({ email: 'E-mail inválido.' });
    await server.http.put('/api/portal/my-data/email').set(citizen).send({ email: null }).expect(400);

    const changed = portalDataSchema.parse((await server.http.put('/api/portal/my-data/email').set(citizen).send({ email: ' Nova.Cidada@Example.com ' }).expect(200)).body);
    expect(changed.email).toBe('nova.cidada@example.com');
    expect((await server.http.get(`/api/customers/${customerId}`).set(desk).expect(200)).body.email).toBe('nova.cidada@example.com');
    await server.http.post('/api/portal/auth/login').send({ login: 'nova.cidada@example.com', password: 'senha do portal de teste' }).expect(200);
  });

  it('adds and removes phones by the desk\'s rules, and never touches anyone else\'s', async () => {
    const unknownDdd = await server.http.post('/api/portal/my-data/phones').set(citizen).send({ number: '(00) 91234-5678' }).expect(400);
    expect(unknownDdd.body.fields.number).toBe('DDD 00 não existe: confira o código de área.');
    await server.http.post('/api/portal/my-data/phones').set(citizen).send({ number: '+55 11 97654-3210' }).expect(409);

    const added = portalDataSchema.parse((await server.http.post('/api/portal/my-data/phones').set(citizen).send({ number: '21 3456-7890' }).expect(201)).body);
    expect(added.phones.map((phone) => phone.e164)).toEqual(expect.arrayContaining(['+5511976543210', '+552134567890']));

    // A phone of another customer is not found among the citizen's.
    const other = (
      await server.http
        .post('/api/customers')
        .set(desk)
        .send({ type: 'person', name: 'Outra Pessoa', document: '068.443.616-70', phones: [{ number: '31 98765-4321' }] })
        .expect(201)
    ).body;
    await server.http.delete(`/api/portal/my-data/phones/${other.phones[0].id}`).set(citizen).expect(404);
    expect((await server.http.get(`/api/customers/${other.id}`).set(desk).expect(200)).body.phones).toHaveLength(1);

    const landline = added.phones.find((phone) => phone.e164 === '+552134567890')!;
    const removed = portalDataSchema.parse((await server.http.delete(`/api/portal/my-data/phones/${landline.id}`).set(citizen).expect(200)).body);
    expect(removed.phones.map((phone) => phone.e164)).toEqual(['+5511976543210']);
    const last = await server.http.delete(`/api/portal/my-data/phones/${removed.phones[0].id}`).set(citizen).expect(422);
    expect(last.body.code).toBe('BUSINESS_RULE');
  });

  it("lists who at the call center looked at the citizen's record, and when, and nobody else's accesses", async () => {
    const before = portalRecordAccessesSchema.parse((await server.http.get('/api/portal/my-data/accesses').set(citizen).expect(200)).body);
    await server.http.get(`/api/customers/${customerId}`).set(desk).set('X-Receptivo-Screen', 'cliente').expect(200);
    const after = portalRecordAccessesSchema.parse((await server.http.get('/api/portal/my-data/accesses').set(citizen).expect(200)).body);
    expect(after.total).toBe(before.total + 1);
    expect(after.items[0]).toEqual({ accessedAt: expect.any(String), userName: 'Ana Atendente', screen: 'cliente' });
    // Another citizen's record read by the desk is not in this list.
    const others = await server.http.get('/api/customers?document=06844361670').set(desk).expect(200);
    await server.http.get(`/api/customers/${others.body.items[0].id}`).set(desk).expect(200);
    expect(portalRecordAccessesSchema.parse((await server.http.get('/api/portal/my-data/accesses').set(citizen).expect(200)).body).total).toBe(after.total);
  });
});
