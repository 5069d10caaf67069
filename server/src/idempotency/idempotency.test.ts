import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { attendanceSchema, requestSchema } from '@receptivo/shared';
import { type TestApp, startTestApp } from '../testing/test-app';
import { IdempotencyStore, KEY_LIFETIME_MS, requestHash } from './idempotency-store';

describe('Idempotency-Key on the attendance writes', () => {
  let server: TestApp;
  let auth: { Authorization: string };
  let lampTypeId: string;
  let lampForm: Record<string, unknown>;
  let informationId: string;

  const db = () => server.app.get(DataSource);
  const count = async (sql: string, parameters: unknown[] = []) => (await db().query(`SELECT count(*)::int AS n FROM ${sql}`, parameters))[0].n as number;
  const start = (key: string, headers = auth, body: object = { channel: 'phone' }) =>
    server.http.post('/api/attendances').set(headers).set('Idempotency-Key', key).send(body);

  beforeAll(async () => {
    server = await startTestApp();
    auth = { Authorization: `Bearer ${await server.login('attendant')}` };
    const tree = (await server.http.get('/api/categories').set(auth).expect(200)).body.items;
    const lighting = tree.find((category: { name: string }) => category.name === 'Iluminação pública');
    const lamp = lighting.requestTypes.find((type: { name: string }) => type.name.startsWith('Lâmpada apagada'));
    lampTypeId = lamp.id;
    const schema = lamp.formSchema as { required?: string[]; properties: Record<string, { type: string; enum?: string[] }> };
    lampForm = Object.fromEntries(
      Object.entries(schema.properties)
        .filter(([name]) => schema.required?.includes(name))
        .map(([name, property]) => [name, property.enum?.[0] ?? (property.type === 'string' ? 'Poste 123' : 1)]),
    );
    informationId = lighting.informations[0].id;
  });
  afterAll(() => server.close());

  it('runs a start once: the same key again answers the same attendance, marked as replayed', async () => {
    const key = randomUUID();
    const before = await count('attendances');
    const first = await start(key).expect(201);
    const again = await start(key).expect(201);

    expect(again.body).toEqual(first.body);
    expect(attendanceSchema.parse(again.body).protocol).toBe(first.body.protocol);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await count('attendances')).toBe(before + 1);
    expect(await count('idempotency_keys WHERE key = $1', [key])).toBe(1);
  });

  it('runs concurrent duplicates once: parallel starts and parallel request registrations', async () => {
    const key = randomUUID();
    const before = await count('attendances');
    const answers = await Promise.all(Array.from({ length: 8 }, () => start(key)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect(await count('attendances')).toBe(before + 1);

    const attendanceId = answers[0].body.id as string;
    const requestKey = randomUUID();
    const registrations = await Promise.all(
      Array.from({ length: 5 }, () =>
        server.http
          .post(`/api/attendances/${attendanceId}/requests`)
          .set(auth)
          .set('Idempotency-Key', requestKey)
          .send({
            requestTypeId: lampTypeId,
            form: lampForm,
            address: { cep: '01310-100', street: 'Rua Augusta', number: '900', neighborhood: 'Consolação', city: 'São Paulo', state: 'SP' },
          }),
      ),
    );
    expect(registrations.map((answer) => answer.status)).toEqual(Array(5).fill(201));
    const protocols = new Set(registrations.map((answer) => requestSchema.parse(answer.body).protocol));
    expect(protocols.size).toBe(1);
    expect(await count('requests WHERE attendance_id = $1', [attendanceId])).toBe(1);
  });

  it('refuses the same key with another body or on another route, in Portuguese', async () => {
    const key = randomUUID();
    const attendance = (await start(key).expect(201)).body;

    const otherBody = await start(key, auth, { channel: 'email' }).expect(422);
    expect(otherBody.body).toMatchObject({
      statusCode: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
      message: 'Esta chave de idempotência já foi usada com outros dados. Envie a operação com uma nova chave.',
    });

    const otherRoute = await server.http
      .post(`/api/attendances/${attendance.id}/informations`)
      .set(auth)
      .set('Idempotency-Key', key)
      .send({ informationId })
      .expect(422);
    expect(otherRoute.body.message).toBe('Esta chave de idempotência já foi usada em outra operação.');
    expect((await server.http.get(`/api/attendances/${attendance.id}`).set(auth).expect(200)).body.informations).toEqual([]);

    // The order of a body's fields does not make it another body.
    const finishKey = randomUUID();
    const finish = (body: object) => server.http.post(`/api/attendances/${attendance.id}/finish`).set(auth).set('Idempotency-Key', finishKey).send(body);
    await finish({ sendScript: false }).expect(200);
    expect((await finish({ sendScript: false }).expect(200)).headers['idempotent-replayed']).toBe('true');
  });

  it('keeps keys per user: the same key from two users runs twice', async () => {
    const key = randomUUID();
    const supervisor = { Authorization: `Bearer ${await server.login('supervisor')}` };
    const before = await count('attendances');
    const mine = await start(key).expect(201);
    const theirs = await start(key, supervisor).expect(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(await count('attendances')).toBe(before + 2);
  });

  it('stores a refusal and answers it again; every write of the attendance honours the key', async () => {
    const attendance = (await start(randomUUID()).expect(201)).body;
    const path = `/api/attendances/${attendance.id}`;
    const send = (method: 'post' | 'put', suffix: string, key: string, body: object) => server.http[method](`${path}${suffix}`).set(auth).set('Idempotency-Key', key).send(body);

    const unknownKey = randomUUID();
    const unknown = { informationId: randomUUID() };
    const refused = await send('post', '/informations', unknownKey, unknown).expect(400);
    const refusedAgain = await send('post', '/informations', unknownKey, unknown).expect(400);
    expect(refusedAgain.body).toMatchObject({ code: refused.body.code, message: 'Informação não encontrada.', fields: refused.body.fields });
    expect(refusedAgain.headers['idempotent-replayed']).toBe('true');

    const customerId = (await server.http.get('/api/customers?phone=11987654321').set(auth).expect(200)).body.items[0].id;
    const linkKey = randomUUID();
    await send('put', '/customer', linkKey, { customerId }).expect(200);
    expect((await send('put', '/customer', linkKey, { customerId }).expect(200)).body.customer.id).toBe(customerId);

    const informationKey = randomUUID();
    await send('post', '/informations', informationKey, { informationId }).expect(201);
    // Without the key the repetition is a new registration, refused by the domain rule.
    expect((await send('post', '/informations', informationKey, { informationId }).expect(201)).body.informations).toHaveLength(1);
    await server.http.post(`${path}/informations`).set(auth).send({ informationId }).expect(409);
    expect(await count('attendance_informations WHERE attendance_id = $1', [attendance.id])).toBe(1);
  });

  it('refuses a malformed key', async () => {
    const answer = await start('curta').expect(400);
    expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED', message: 'A chave de idempotência deve ter de 8 a 100 letras, números ou _ - . :' });
  });

  it('refuses, as uncertain, a key whose first send never finished (the server stopped while running it)', async () => {
    const key = randomUUID();
    const [user] = await db().query("SELECT id FROM users WHERE role = 'attendant' ORDER BY username LIMIT 1");
    // What a start left behind when the process died between claiming its key and answering.
    await db().query(
      `INSERT INTO idempotency_keys (user_id, key, method, path, request_hash, created_at) VALUES ($1, $2, 'POST', '/api/attendances', $3, now())`,
      [user.id, key, requestHash({ channel: 'phone' })],
    );
    const store = server.app.get(IdempotencyStore);
    store.pendingWaitMs = 200;
    try {
      const answer = await start(key).expect(409);
      expect(answer.body).toMatchObject({
        code: 'IDEMPOTENCY_UNCERTAIN',
        message: 'O primeiro envio desta operação não terminou e não se sabe se ela foi registrada. Confira o atendimento antes de repeti-la.',
      });
    } finally {
      store.pendingWaitMs = 10_000;
    }
  });

  it('lets a released key (the server failed while running it) be claimed again', async () => {
    const [user] = await db().query("SELECT id FROM users WHERE role = 'attendant' ORDER BY username LIMIT 1");
    const store = server.app.get(IdempotencyStore);
    const operation = { method: 'POST', path: '/api/attendances', requestHash: requestHash({ channel: 'phone' }) };
    const key = randomUUID();
    expect(await store.claim(user.id, key, operation)).toEqual({ kind: 'claimed' });
    await store.release(user.id, key);
    expect(await store.claim(user.id, key, operation)).toEqual({ kind: 'claimed' });
    await store.complete(user.id, key, { status: 201, body: { id: 'x' } });
    expect(await store.claim(user.id, key, operation)).toEqual({ kind: 'replay', response: { status: 201, body: { id: 'x' } } });
  });

  it('forgets keys after 7 days', async () => {
    const [user] = await db().query("SELECT id FROM users WHERE role = 'attendant' ORDER BY username LIMIT 1");
    const now = new Date();
    const insert = (key: string, createdAt: Date) =>
      db().query(
        `INSERT INTO idempotency_keys (user_id, key, method, path, request_hash, response_status, response_body, created_at, completed_at)
         VALUES ($1, $2, 'POST', '/api/attendances', 'x', 201, '{}', $3, $3)`,
        [user.id, key, createdAt],
      );
    await insert('velha-chave-0001', new Date(now.getTime() - KEY_LIFETIME_MS - 60_000));
    await insert('nova-chave-00001', new Date(now.getTime() - KEY_LIFETIME_MS + 60_000));

    expect(await server.app.get(IdempotencyStore).removeExpired(now)).toBe(1);
    expect(await count("idempotency_keys WHERE key IN ('velha-chave-0001', 'nova-chave-00001')")).toBe(1);
  });
});
