import type { Attendance, Request } from '@receptivo/shared';
import { ApiError, NetworkError } from '../api/client';
import { attendance, attendanceId, attendanceProtocol, maria, request } from '../attendances/test-fixtures';
import { summaryOf } from '../testing/customers';
import { DraftQueue, emptyDraftState, retryDelay, type DraftEntry, type DraftState, type DraftStorage } from './draft-queue';
import { draftStorageKey, localDraftStorage } from './draft-storage';
import { isLocalAttendance, localAttendanceId } from './ids';

afterEach(() => jest.useRealTimers());

/** A server the test switches off and on; it records every call with its key, as the real one dedupes by key. */
function fakeApi() {
  const calls: { kind: string; key: string; attendanceId: string | null; body: unknown }[] = [];
  const answered = new Map<string, Attendance | Request>();
  const state = { reachable: true, refuse: null as null | ((entry: DraftEntry) => ApiError | null) };
  let current = attendance();
  const send = jest.fn(async (entry: DraftEntry, id: string | null): Promise<Attendance | Request> => {
    calls.push({ kind: entry.operation.kind, key: entry.key, attendanceId: id, body: entry.operation.body });
    if (!state.reachable) throw new NetworkError();
    const refusal = state.refuse?.(entry);
    if (refusal) throw refusal;
    // The same key answers what it answered the first time.
    const before = answered.get(entry.key);
    if (before) return before;
    const { operation } = entry;
    let answer: Attendance | Request;
    if (operation.kind === 'register-request') answer = request();
    else {
      if (operation.kind === 'link-customer') current = { ...current, customer: operation.customer };
      if (operation.kind === 'finish') current = { ...current, status: 'finished' };
      answer = current;
    }
    answered.set(entry.key, answer);
    return answer;
  });
  return { calls, state, send };
}

function memoryStorage(): DraftStorage & { saved: DraftState } {
  return {
    saved: emptyDraftState,
    read() {
      return JSON.parse(JSON.stringify(this.saved));
    },
    write(next) {
      this.saved = JSON.parse(JSON.stringify(next));
    },
  };
}

const link = { kind: 'link-customer' as const, body: { customerId: maria.id }, customer: summaryOf(maria) };
const information = (title: string) => ({ kind: 'register-information' as const, body: { informationId: '7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c01' }, title });
const ref = { id: attendanceId, protocol: attendanceProtocol };

test('online, every operation is sent at once and answered with the server’s answer, nothing kept', async () => {
  const api = fakeApi();
  const storage = memoryStorage();
  const queue = new DraftQueue(storage, api.send);

  const started = await queue.submit({ id: localAttendanceId(), protocol: '' }, { kind: 'start', body: { channel: 'phone' } });
  expect(started).toMatchObject({ state: 'sent', answer: { id: attendanceId, protocol: attendanceProtocol } });
  expect(await queue.submit(ref, link)).toMatchObject({ state: 'sent', answer: { customer: { id: maria.id } } });

  expect(api.calls.map((call) => [call.kind, call.attendanceId])).toEqual([
    ['start', null],
    ['link-customer', attendanceId],
  ]);
  expect(new Set(api.calls.map((call) => call.key)).size).toBe(2);
  expect(storage.saved.entries).toEqual([]);
  expect(storage.saved.confirmations).toEqual([]);
});

test('without the server the work is kept in order, survives a new queue on the same storage, and goes out once, in order, when the server is back', async () => {
  jest.useFakeTimers();
  const api = fakeApi();
  const storage = memoryStorage();
  api.state.reachable = false;
  const first = new DraftQueue(storage, api.send);
  first.start();

  const local = { id: localAttendanceId(), protocol: '' };
  expect(await first.submit(local, { kind: 'start', body: { channel: 'walk_in' } })).toMatchObject({ state: 'queued' });
  expect(await first.submit(local, link)).toMatchObject({ state: 'queued' });
  expect(await first.submit(local, information('IPTU'))).toMatchObject({ state: 'queued' });
  expect(await first.submit(local, { kind: 'register-request', body: { requestTypeId: request().requestTypeId, form: { referencia: 'Poste' }, address: null }, typeName: 'Tapa-buraco' })).toMatchObject({ state: 'queued' });
  expect(await first.submit(local, { kind: 'finish', body: { sendScript: false } })).toMatchObject({ state: 'queued' });
  expect(storage.saved.entries.map((entry) => entry.operation.kind)).toEqual(['start', 'link-customer', 'register-information', 'register-request', 'finish']);
  expect(storage.saved.entries.every((entry) => entry.attendanceId === local.id && entry.attendanceProtocol === null)).toBe(true);
  // Only the head was tried each time: nothing after a start can go before it.
  expect(new Set(api.calls.map((call) => call.kind))).toEqual(new Set(['start']));
  first.stop();

  // A reload: a new queue reads the same storage.
  const second = new DraftQueue(storage, api.send);
  expect(second.getSnapshot().entries).toHaveLength(5);
  const clickedAt = second.getSnapshot().entries[0].createdAt;
  const offline = api.calls.length;
  api.state.reachable = true;
  await second.flush();

  expect(api.calls.slice(offline).map((call) => [call.kind, call.attendanceId])).toEqual([
    ['start', null],
    ['link-customer', attendanceId],
    ['register-information', attendanceId],
    ['register-request', attendanceId],
    ['finish', attendanceId],
  ]);
  const snapshot = second.getSnapshot();
  expect(snapshot.entries).toEqual([]);
  // With when the attendant started it, which the server (reached later) does not know: its timer counts from there.
  expect(snapshot.started[local.id]).toEqual({ id: attendanceId, protocol: attendanceProtocol, startedAt: clickedAt });
  expect(snapshot.confirmations.map((confirmation) => [confirmation.kind, confirmation.protocol, confirmation.label])).toEqual([
    ['start', attendanceProtocol, null],
    ['link-customer', attendanceProtocol, 'Maria da Silva'],
    ['register-information', attendanceProtocol, 'IPTU'],
    ['register-request', request().protocol, 'Tapa-buraco'],
    ['finish', attendanceProtocol, null],
  ]);
  // An operation made with the local id after the start was confirmed goes to the server's id.
  await second.submit(local, information('ISS'));
  expect(api.calls.at(-1)).toMatchObject({ kind: 'register-information', attendanceId });
});

test('retries with backoff while the server is out of reach, and resends the same key', async () => {
  jest.useFakeTimers();
  expect([1, 2, 3, 4, 5, 6, 9].map(retryDelay)).toEqual([1000, 2000, 4000, 8000, 16000, 20000, 20000]);
  const api = fakeApi();
  api.state.reachable = false;
  const queue = new DraftQueue(memoryStorage(), api.send);
  queue.start();
  await queue.submit(ref, link);
  expect(api.calls).toHaveLength(1);

  await jest.advanceTimersByTimeAsync(999);
  expect(api.calls).toHaveLength(1);
  await jest.advanceTimersByTimeAsync(1);
  expect(api.calls).toHaveLength(2);
  await jest.advanceTimersByTimeAsync(2000);
  expect(api.calls).toHaveLength(3);
  await jest.advanceTimersByTimeAsync(3999);
  expect(api.calls).toHaveLength(3);

  api.state.reachable = true;
  await jest.advanceTimersByTimeAsync(1);
  expect(api.calls).toHaveLength(4);
  expect(new Set(api.calls.map((call) => call.key)).size).toBe(1);
  expect(queue.getSnapshot().entries).toEqual([]);
  // Nothing left: no more timers.
  await jest.advanceTimersByTimeAsync(60_000);
  expect(api.calls).toHaveLength(4);
  queue.stop();
});

test('a server error, a busy server and an expired session are retried; the operation sent twice is answered once', async () => {
  const api = fakeApi();
  const queue = new DraftQueue(memoryStorage(), api.send);
  const failures = [
    new ApiError({ statusCode: 503, code: 'INTERNAL_ERROR', message: 'Indisponível.' }),
    new ApiError({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Erro interno.' }),
    new ApiError({ statusCode: 429, code: 'TOO_MANY_ATTEMPTS', message: 'Muitas tentativas.' }),
    new ApiError({ statusCode: 401, code: 'TOKEN_EXPIRED', message: 'Sessão expirada.' }),
  ];
  api.state.refuse = () => failures.shift() ?? null;
  expect(await queue.submit(ref, link)).toMatchObject({ state: 'queued' });
  for (let attempt = 0; attempt < 3; attempt++) await queue.flush();
  expect(queue.getSnapshot().entries).toHaveLength(1);
  expect(queue.getSnapshot().entries[0].refusal).toBeNull();

  // The answer was lost on the way (the server registered it): sent again with the same key.
  const send = api.send.getMockImplementation()!;
  api.send.mockImplementationOnce(async (entry, id) => {
    await send(entry, id);
    throw new NetworkError();
  });
  await queue.flush();
  expect(queue.getSnapshot().entries).toHaveLength(1);
  await queue.flush();
  expect(queue.getSnapshot().entries).toEqual([]);
  const keys = api.calls.map((call) => call.key);
  expect(new Set(keys).size).toBe(1);
  // Four failures, one answer lost, one answer received.
  expect(keys.length).toBe(6);
});

test('a refusal of what waited is kept with the server’s message and holds back the rest of its attendance only', async () => {
  const api = fakeApi();
  const queue = new DraftQueue(memoryStorage(), api.send);
  api.state.reachable = false;
  const other = { id: '5b0e7c2a-1d3f-4a5b-8c6d-7e8f9a0b1c99', protocol: '20260099990' };
  await queue.submit(ref, information('Inexistente'));
  await queue.submit(ref, { kind: 'finish', body: { sendScript: false } });
  await queue.submit(other, link);
  const offline = api.calls.length;

  api.state.reachable = true;
  api.state.refuse = (entry) =>
    entry.operation.kind === 'register-information' ? new ApiError({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'Informação não encontrada.' }) : null;
  await queue.flush();

  const [refused, held] = queue.getSnapshot().entries;
  expect(refused).toMatchObject({ operation: { kind: 'register-information' }, refusal: 'Informação não encontrada.' });
  expect(held).toMatchObject({ operation: { kind: 'finish' }, refusal: null });
  expect(api.calls.slice(offline).map((call) => [call.kind, call.attendanceId])).toEqual([
    ['register-information', attendanceId],
    ['link-customer', other.id],
  ]);

  // Tried again as it is: refused again, still kept.
  await queue.retry(refused.key);
  expect(queue.getSnapshot().entries[0].refusal).toBe('Informação não encontrada.');
  // Given up by the attendant: what it held back goes.
  queue.discard(refused.key);
  await queue.flush();
  expect(queue.getSnapshot().entries).toEqual([]);
  expect(api.calls.at(-1)).toMatchObject({ kind: 'finish', attendanceId });
});

test('giving up a start gives up its whole attendance', async () => {
  const api = fakeApi();
  api.state.reachable = false;
  const queue = new DraftQueue(memoryStorage(), api.send);
  const local = { id: localAttendanceId(), protocol: '' };
  await queue.submit(local, { kind: 'start', body: { channel: 'phone' } });
  await queue.submit(local, link);
  await queue.submit(ref, information('IPTU'));
  api.state.reachable = true;
  api.state.refuse = (entry) => (entry.operation.kind === 'start' ? new ApiError({ statusCode: 403, code: 'FORBIDDEN', message: 'Sem permissão.' }) : null);
  await queue.flush();
  expect(queue.getSnapshot().entries.map((entry) => [entry.operation.kind, entry.refusal])).toEqual([
    ['start', 'Sem permissão.'],
    ['link-customer', null],
  ]);

  queue.discard(queue.getSnapshot().entries[0].key);
  expect(queue.getSnapshot().entries).toEqual([]);
});

test('a refusal of the operation just made is thrown to the attendant and not kept', async () => {
  const api = fakeApi();
  const queue = new DraftQueue(memoryStorage(), api.send);
  const refusal = new ApiError({ statusCode: 422, code: 'BUSINESS_RULE', message: 'O cliente não tem e-mail para receber o script.' });
  api.state.refuse = () => refusal;
  await expect(queue.submit(ref, { kind: 'finish', body: { sendScript: true } })).rejects.toBe(refusal);
  expect(queue.getSnapshot().entries).toEqual([]);
});

test('drafts are stored per user in localStorage; storage that cannot be written is said, and the work kept in memory', async () => {
  const api = fakeApi();
  api.state.reachable = false;
  const queue = new DraftQueue(localDraftStorage(localStorage, 'ana'), api.send);
  await queue.submit(ref, link);
  expect(JSON.parse(localStorage.getItem(draftStorageKey('ana'))!).entries).toHaveLength(1);
  expect(new DraftQueue(localDraftStorage(localStorage, 'bia'), api.send).getSnapshot().entries).toEqual([]);

  const full = localDraftStorage(localStorage, 'ana');
  const failing = new DraftQueue({ read: full.read, write: () => { throw new DOMException('cheio', 'QuotaExceededError'); } }, api.send);
  await failing.submit(ref, information('IPTU'));
  expect(failing.getSnapshot()).toMatchObject({ unsaved: true });
  expect(failing.getSnapshot().entries).toHaveLength(2);

  localStorage.setItem(draftStorageKey('caio'), '{"entries": 3}');
  expect(new DraftQueue(localDraftStorage(localStorage, 'caio'), api.send).getSnapshot().entries).toEqual([]);
  expect(localStorage.getItem(`${draftStorageKey('caio')}.unreadable`)).toBe('{"entries": 3}');
  expect(isLocalAttendance(localAttendanceId())).toBe(true);
});
