import { randomUUID } from 'node:crypto';
import { type AttendanceCall, attendanceSchema } from '@receptivo/shared';
import { DataSource } from 'typeorm';
import { PreparedStatements } from '../database/prepared-statements';
import { type TestApp, startTestApp } from '../testing/test-app';
import { CallStarts } from './call-starts';

describe('CallStarts', () => {
  let server: TestApp;
  let starts: CallStarts;
  let attendant: { Authorization: string };
  let attendantId: string;

  const callOf = (overrides: Partial<AttendanceCall> = {}): AttendanceCall => ({
    callId: `${Date.now()}.${randomUUID().slice(0, 8)}`,
    callerNumber: '11970001233',
    callerE164: '+5511970001233',
    queue: 'atendimento',
    waitSeconds: 4,
    talkSeconds: null,
    ura: { document: '10007127103', option: '2' },
    ...overrides,
  });
  /** The attendance as the attendant's desk opens it. */
  const opened = async (attendanceId: string) => attendanceSchema.parse((await server.http.get(`/api/attendances/${attendanceId}`).set(attendant).expect(200)).body);
  const rowsOf = async (callId: string) => server.app.get(DataSource).query<{ id: string }[]>('SELECT id FROM attendances WHERE call_id = $1', [callId]);

  beforeAll(async () => {
    server = await startTestApp();
    starts = server.app.get(CallStarts);
    attendant = { Authorization: `Bearer ${await server.login('attendant')}` };
    attendantId = (await server.http.get('/api/auth/me').set(attendant).expect(200)).body.id;
  });
  afterAll(() => server?.close());
  afterEach(() => jest.restoreAllMocks());

  it('starts the calls answered in the same moment in one statement, each with its own attendance and protocol', async () => {
    const statements = jest.spyOn(PreparedStatements.prototype, 'query');
    const calls = Array.from({ length: 12 }, (_, index) => callOf({ callerNumber: `1197000${String(index).padStart(4, '0')}`, waitSeconds: index }));
    const answered = await Promise.all(calls.map((call) => starts.start(call, attendantId)));

    expect(statements).toHaveBeenCalledTimes(1);
    expect(answered.map((item) => item.callId)).toEqual(calls.map((call) => call.callId));
    expect(new Set(answered.map((item) => item.attendanceId)).size).toBe(12);
    expect(new Set(answered.map((item) => item.protocol)).size).toBe(12);
    for (const [index, item] of answered.entries()) {
      const attendance = await opened(item.attendanceId);
      expect(attendance).toMatchObject({ protocol: item.protocol, channel: 'phone', status: 'open' });
      expect(attendance.call).toMatchObject({ callerNumber: calls[index].callerNumber, queue: 'atendimento', waitSeconds: index, ura: calls[index].ura });
    }
  });

  it('gives a call answered twice by the same attendant one attendance, in the same moment or later', async () => {
    const call = callOf();
    const other = callOf();
    const [first, again, another] = await Promise.all([starts.start(call, attendantId), starts.start(call, attendantId), starts.start(other, attendantId)]);
    const [later, laterOther] = await Promise.all([starts.start(call, attendantId), starts.start(other, attendantId)]);
    const alone = await starts.start(call, attendantId);

    expect(again).toEqual(first);
    expect(later).toEqual(first);
    expect(alone).toEqual(first);
    expect(laterOther).toEqual(another);
    expect(another.attendanceId).not.toBe(first.attendanceId);
    expect(await rowsOf(call.callId)).toHaveLength(1);
  });

  it('fails only the start the database refuses, and starts the others of its moment', async () => {
    const good = [callOf(), callOf()];
    const refused = callOf({ waitSeconds: -1 });
    const results = await Promise.allSettled([starts.start(good[0], attendantId), starts.start(refused, attendantId), starts.start(good[1], attendantId)]);

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/wait_seconds/);
    expect(await rowsOf(refused.callId)).toEqual([]);
    for (const [index, result] of [results[0], results[2]].entries()) {
      const { attendanceId } = (result as PromiseFulfilledResult<{ attendanceId: string }>).value;
      expect((await opened(attendanceId)).call?.callerNumber).toBe(good[index].callerNumber);
    }
  });
});
