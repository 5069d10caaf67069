import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Attendance, Request } from '@receptivo/shared';
import { ApiClient } from '../../renderer/src/api/client';
import { attendanceSender } from '../../renderer/src/offline/attendance-drafts';
import { DraftQueue, emptyDraftState, type DraftState, type DraftStorage } from '../../renderer/src/offline/draft-queue';
import { localAttendanceId } from '../../renderer/src/offline/ids';
import { readCredentials } from '../../server/src/testing/test-app';
import { createTestDatabase } from '../../server/src/testing/test-database';
import { type ServerProcess, startServer } from '../support/server-process';

/** What a desk keeps in localStorage, kept here in a string as a browser keeps it. */
function storedDrafts(): DraftStorage {
  let saved = JSON.stringify(emptyDraftState);
  return {
    read: () => JSON.parse(saved) as DraftState,
    write: (state) => {
      saved = JSON.stringify(state);
    },
  };
}

/**
 * The renderer's draft queue, under Node, against the built server: the server stops in the middle
 * of an attendance, the work goes on, and when it starts again everything arrives once.
 */
describe('attendance drafts against a server that stops and starts again', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let server: ServerProcess;
  let db: Client;
  const realFetch = globalThis.fetch;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'receptivo-drafts-'));
    server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: database.url });
    db = new Client({ connectionString: database.url });
    await db.connect();
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await db?.end();
    await server?.stop();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const count = async (sql: string, parameters: unknown[]) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, parameters)).rows[0].n;

  it('keeps the work while the server is down and sends each operation once when it is back, even one whose answer was lost', async () => {
    const { attendant } = await readCredentials(dataDir);
    const login = await realFetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(attendant),
    });
    const { token } = (await login.json()) as { token: string };
    const api = new ApiClient({ baseUrl: async () => server.url, token: () => token, onSessionRejected: () => undefined });
    const get = <T>(path: string) => api.get<T>(path);

    const tree = (await get<{ items: { name: string; informations: { id: string; title: string }[]; requestTypes: { id: string; name: string; formSchema: { required?: string[]; properties: Record<string, { type: string; enum?: string[] }> } }[] }[] }>('/api/categories')).items;
    const lighting = tree.find((category) => category.name === 'Iluminação pública')!;
    const [first, second] = lighting.informations;
    const lamp = lighting.requestTypes.find((type) => type.name.startsWith('Lâmpada apagada'))!;
    const form = Object.fromEntries(
      Object.entries(lamp.formSchema.properties)
        .filter(([name]) => lamp.formSchema.required?.includes(name))
        .map(([name, property]) => [name, property.enum?.[0] ?? (property.type === 'string' ? 'Poste 42' : 1)]),
    );
    const address = { cep: '01310-100', street: 'Avenida Paulista', number: '1000', neighborhood: 'Bela Vista', city: 'São Paulo', state: 'SP' as const };
    const customer = (await get<{ items: { id: string; name: string }[] }>('/api/customers?phone=11987654321')).items[0];
    const customerSummary = { id: customer.id, type: 'person' as const, name: customer.name, tradeName: null, document: '', email: null, primaryPhone: null };

    const storage = storedDrafts();
    const desk = new DraftQueue(storage, attendanceSender(api));
    const started = await desk.submit({ id: localAttendanceId(), protocol: '' }, { kind: 'start', body: { channel: 'phone' } });
    if (started.state !== 'sent') throw new Error('the server is up: the start is sent at once');
    const online = started.answer;

    // The server stops in the middle of the attendance; the attendant goes on.
    await server.stop();
    const ref = { id: online.id, protocol: online.protocol };
    expect(await desk.submit(ref, { kind: 'link-customer', body: { customerId: customer.id }, customer: customerSummary })).toMatchObject({ state: 'queued' });
    expect(await desk.submit(ref, { kind: 'register-information', body: { informationId: first.id }, title: first.title })).toMatchObject({ state: 'queued' });
    expect(await desk.submit(ref, { kind: 'register-request', body: { requestTypeId: lamp.id, form, address }, typeName: lamp.name })).toMatchObject({ state: 'queued' });
    expect(await desk.submit(ref, { kind: 'finish', body: { sendScript: false } })).toMatchObject({ state: 'queued' });
    // The next call, started without the server.
    const local = { id: localAttendanceId(), protocol: '' };
    await desk.submit(local, { kind: 'start', body: { channel: 'walk_in' } });
    await desk.submit(local, { kind: 'register-information', body: { informationId: second.id }, title: second.title });
    await desk.submit(local, { kind: 'register-request', body: { requestTypeId: lamp.id, form, address: { ...address, number: '2000' } }, typeName: lamp.name });
    await desk.submit(local, { kind: 'finish', body: { sendScript: false } });
    expect(desk.getSnapshot().entries).toHaveLength(8);

    // A reload while the server is down: a new queue on the same storage.
    const reloaded = new DraftQueue(storage, attendanceSender(api));
    expect(reloaded.getSnapshot().entries.map((entry) => entry.operation.kind)).toEqual([
      'link-customer',
      'register-information',
      'register-request',
      'finish',
      'start',
      'register-information',
      'register-request',
      'finish',
    ]);
    const requestKeys = reloaded.getSnapshot().entries.filter((entry) => entry.operation.kind === 'register-request').map((entry) => entry.key);

    server = await server.startAgain();
    // The first request registration reaches the server but its answer is lost on the way back.
    let lose = true;
    globalThis.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      if (lose && String(input).endsWith('/requests')) {
        lose = false;
        throw new TypeError('fetch failed');
      }
      return response;
    };
    await reloaded.flush();
    expect(reloaded.getSnapshot().entries).toHaveLength(6);
    await reloaded.flush();
    globalThis.fetch = realFetch;

    const snapshot = reloaded.getSnapshot();
    expect(snapshot.entries).toEqual([]);
    const offlineStarted = snapshot.started[local.id];
    expect(offlineStarted.protocol).toMatch(/^\d{11}$/);
    expect(snapshot.confirmations.map((confirmation) => confirmation.kind)).toEqual([
      'link-customer',
      'register-information',
      'register-request',
      'finish',
      'start',
      'register-information',
      'register-request',
      'finish',
    ]);

    for (const [attendanceId, informationId] of [
      [online.id, first.id],
      [offlineStarted.id, second.id],
    ]) {
      const attendance = await get<Attendance>(`/api/attendances/${attendanceId}`);
      expect(attendance.status).toBe('finished');
      expect(attendance.informations.map((item) => item.informationId)).toEqual([informationId]);
      expect(attendance.requests).toHaveLength(1);
      expect(await count('requests WHERE attendance_id = $1', [attendanceId])).toBe(1);
      expect(await count('attendance_informations WHERE attendance_id = $1', [attendanceId])).toBe(1);
    }
    expect((await get<Attendance>(`/api/attendances/${online.id}`)).customer?.id).toBe(customer.id);
    expect(await count("attendances WHERE attendant_id = (SELECT id FROM users WHERE username = $1)", [attendant.username])).toBe(2);

    // The same operation sent once more (a second window replaying it): the stored answer, nothing new.
    const again = (await attendanceSender(api)(
      { key: requestKeys[0], attendanceId: online.id, attendanceProtocol: online.protocol, operation: { kind: 'register-request', body: { requestTypeId: lamp.id, form, address }, typeName: lamp.name }, createdAt: new Date().toISOString(), refusal: null },
      online.id,
    )) as Request;
    expect(again.attendanceId).toBe(online.id);
    expect(await count('requests WHERE attendance_id = $1', [online.id])).toBe(1);
    expect(await count('idempotency_keys WHERE key = ANY($1)', [requestKeys])).toBe(2);
  });
});
